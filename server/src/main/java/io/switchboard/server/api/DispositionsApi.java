package io.switchboard.server.api;

import io.switchboard.server.store.Store;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dispositions agents pick in wrap-up (docs/api.md): everyone who logs in reads them; only admins create,
 * change and delete them. A disposition is {@code {code, labels: {en, ru, uk}, active, order}}; retiring one is
 * {@code active: false}, so the records that name it keep their label.
 */
public final class DispositionsApi {

  static final String DISPOSITIONS = "/api/dispositions";
  static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  static final Set<String> LANGUAGES = Set.of("en", "ru", "uk");
  private static final Set<String> FIELDS = Set.of("code", "labels", "active", "order");

  private final Store store;
  private final ApiAuth auth;
  private final AdminAudit audit;

  private DispositionsApi(Store store, Authenticator authenticator, AdminAudit audit) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.audit = audit;
  }

  public static DispositionsApi create(Store store, Authenticator authenticator) {
    return new DispositionsApi(store, authenticator, AdminAudit.none());
  }

  /** As {@link #create(Store, Authenticator)}, each admin change also in the audit log. */
  public static DispositionsApi create(Store store, Authenticator authenticator,
      java.util.function.Function<JsonObject, io.vertx.core.Future<Void>> auditLog) {
    return new DispositionsApi(store, authenticator, new AdminAudit(auditLog));
  }

  public void mount(Router router) {
    router.get(DISPOSITIONS).handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ANY_ROLE, caller -> {
      if (!ctx.queryParams().isEmpty()) { // refuse strays like the other lists
        throw ApiProblem.badRequest("unknown parameter " + CallFilter.quoted(ctx.queryParams().names().iterator()
            .next()));
      }
      return store.dispositions().all().map(all -> {
        JsonArray items = new JsonArray();
        all.forEach(d -> items.add(view(d)));
        return new JsonObject().put("items", items);
      });
    }));
    router.post(DISPOSITIONS).handler(JsonBody.reader()).handler(ctx -> ApiAction.answer(ctx, auth,
        ApiAuth.ADMIN_ONLY, caller -> {
          JsonObject document = document(ctx, null);
          String code = document.getString("_id");
          return store.dispositions().byCode(code).compose(existing -> {
            if (existing.isPresent()) {
              throw ApiProblem.conflict("code: disposition " + code + " exists (PUT changes it)");
            }
            return store.dispositions().save(document);
          }).compose(v -> audit.record(ctx, caller, "disposition.put", "disposition", code, null)).map(v -> {
            ApiResponses.created(ctx, DISPOSITIONS + "/" + code, view(document));
            return null;
          });
        }));
    router.put(DISPOSITIONS + "/:code").handler(JsonBody.reader()).handler(ctx -> ApiAction.answer(ctx, auth,
        ApiAuth.ADMIN_ONLY, caller -> {
          JsonObject document = document(ctx, pathCode(ctx));
          return store.dispositions().save(document)
              .compose(v -> audit.record(ctx, caller, "disposition.put", "disposition", document.getString("_id"),
                  null))
              .map(v -> view(document));
        }));
    router.delete(DISPOSITIONS + "/:code").handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ADMIN_ONLY,
        caller -> {
          String code = pathCode(ctx);
          return store.dispositions().delete(code).compose(deleted -> {
            if (!deleted) {
              throw ApiProblem.notFound("no disposition " + code);
            }
            return audit.record(ctx, caller, "disposition.delete", "disposition", code, null);
          }).map(v -> {
            ctx.response().setStatusCode(204).end();
            return null;
          });
        }));
  }

  private static String pathCode(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (code == null || !CODE.matcher(code).matches()) {
      throw ApiProblem.badRequest("code must be 1 to 40 of a-z 0-9 _ - (starting with a letter or digit)");
    }
    return code;
  }

  /** The stored document from the body; {@code pathCode} is the code of a PUT (the body may repeat it). */
  private static JsonObject document(RoutingContext ctx, String pathCode) {
    JsonBody body = JsonBody.of(ctx, FIELDS);
    String code = body.string("code", 40, pathCode == null);
    if (code != null && !CODE.matcher(code).matches()) {
      throw ApiProblem.badRequest("code must be 1 to 40 of a-z 0-9 _ - (starting with a letter or digit)");
    }
    if (pathCode != null && code != null && !code.equals(pathCode)) {
      throw ApiProblem.badRequest("code: the body's code differs from the path's");
    }
    JsonBody labels = body.object("labels", LANGUAGES, true);
    JsonObject labelsDoc = new JsonObject();
    for (String lang : new String[] {"en", "ru", "uk"}) {
      labelsDoc.put(lang, labels.string(lang, 80, true));
    }
    Integer order = body.integer("order", 0, 100_000, false);
    return new JsonObject().put("_id", pathCode == null ? code : pathCode).put("labels", labelsDoc)
        .put("active", body.bool("active", true)).put("order", order == null ? 1000 : order)
        .put("updatedAt", new JsonObject().put("$date", Instant.now().toString()));
  }

  static JsonObject view(JsonObject stored) {
    return new JsonObject().put("code", stored.getString("_id")).put("labels", stored.getJsonObject("labels"))
        .put("active", stored.getBoolean("active", true)).put("order", stored.getValue("order"));
  }
}
