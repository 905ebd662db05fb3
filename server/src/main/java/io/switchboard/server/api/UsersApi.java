package io.switchboard.server.api;

import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Accounts and their roles for the admin console (docs/api.md, "Users"): admins list them, create or change one, and
 * reset a password. Passwords are hashed with bcrypt ({@link Passwords}, off the event loop) and never returned,
 * logged or written to the audit log; every change is in the audit log ({@code user.put}, {@code user.password}).
 * Refusals are 422 with each field's path ({@link FieldProblems}).
 */
public final class UsersApi {

  static final String USERS = "/api/users";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
  static final int MIN_PASSWORD = 8;
  private static final Set<String> FIELDS = Set.of("id", "username", "name", "roles", "password");

  private final Vertx vertx;
  private final Store store;
  private final ApiAuth auth;
  private final AdminAudit audit;

  private UsersApi(Vertx vertx, Store store, Authenticator authenticator, AdminAudit audit) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.audit = audit;
  }

  public static UsersApi create(Vertx vertx, Store store, Authenticator authenticator,
      Function<JsonObject, Future<Void>> auditLog) {
    return new UsersApi(vertx, store, authenticator, new AdminAudit(auditLog));
  }

  public void mount(Router router) {
    router.get(USERS).handler(ctx -> answer(ctx, caller -> store.accounts().map(all -> {
      JsonArray items = new JsonArray();
      all.forEach(a -> items.add(view(a)));
      return new JsonObject().put("items", items);
    })));
    router.put(USERS + "/:id").handler(JsonBody.reader()).handler(ctx -> answer(ctx, caller -> put(ctx, caller)));
    router.post(USERS + "/:id/password").handler(JsonBody.reader())
        .handler(ctx -> answer(ctx, caller -> resetPassword(ctx, caller)));
  }

  /** Creates (201, password required) or changes (200; the password only when given) one account. */
  private Future<JsonObject> put(RoutingContext ctx, AgentAccount caller) {
    String id = id(ctx);
    JsonObject body = JsonBody.of(ctx, FIELDS).json();
    FieldProblems problems = new FieldProblems("user", id);
    Object givenId = body.getValue("id");
    if (givenId != null && !id.equals(givenId)) {
      problems.add("id", "differs from the path's id '" + id + "'");
    }
    String username = text(body, "username", problems);
    if (username == null) {
      problems.add("username", "required");
    } else if (!USERNAME.matcher(username).matches()) {
      problems.add("username", "1 to 64 letters, digits, '_', '.', '@' or '-', starting with a letter or digit");
    }
    String name = text(body, "name", problems);
    if (name != null && name.length() > 80) {
      problems.add("name", "at most 80 characters");
    }
    List<String> roles = roles(body, problems);
    String password = body.containsKey("password") ? text(body, "password", problems) : null;
    if (password != null) {
      checkPassword(password, problems);
    }
    return store.account(id).compose(existing -> {
      if (existing.isEmpty() && password == null && !body.containsKey("password")) {
        problems.add("password", "required for a new account (at least " + MIN_PASSWORD + " characters)");
      }
      if (caller.id().equals(id) && roles != null && !roles.contains(AgentAccount.ADMIN)) {
        problems.add("roles", "you cannot take the admin role from yourself (ask another admin)");
      }
      return username == null ? Future.succeededFuture(Optional.<AgentAccount>empty())
          : store.agentByUsername(username);
    }).compose(sameName -> {
      if (sameName.isPresent() && !sameName.get().id().equals(id)) {
        problems.add("username", "'" + username + "' is taken by another account");
      }
      problems.throwIfAny();
      return store.account(id);
    }).compose(existing -> hashed(password, existing.map(AgentAccount::passwordHash).orElse(null)).compose(hash -> {
      AgentAccount account = new AgentAccount(id, username, name, hash, roles);
      return store.saveAgent(account)
          .compose(v -> audit.record(ctx, caller, "user.put", "user", id, null))
          .compose(v -> password != null && existing.isPresent()
              ? audit.record(ctx, caller, "user.password", "user", id, null) : Future.succeededFuture())
          .map(v -> {
            ctx.response().setStatusCode(existing.isEmpty() ? 201 : 200);
            return view(account);
          });
    }));
  }

  private Future<JsonObject> resetPassword(RoutingContext ctx, AgentAccount caller) {
    String id = id(ctx);
    JsonObject body = JsonBody.of(ctx, Set.of("password")).json();
    FieldProblems problems = new FieldProblems("user", id);
    String password = text(body, "password", problems);
    if (password == null) {
      problems.add("password", "required");
    } else {
      checkPassword(password, problems);
    }
    problems.throwIfAny();
    return store.account(id).compose(found -> {
      AgentAccount account = found.orElseThrow(() -> ApiProblem.notFound("no user " + id));
      return hashed(password, null).compose(hash -> store.saveAgent(new AgentAccount(account.id(),
              account.username(), account.name(), hash, account.roles())))
          .compose(v -> audit.record(ctx, caller, "user.password", "user", id, null))
          .map(v -> view(account));
    });
  }

  private Future<String> hashed(String password, String keep) {
    if (password == null) {
      return Future.succeededFuture(keep);
    }
    // bcrypt takes tens of milliseconds on purpose: not on the event loop.
    return vertx.executeBlocking(() -> Passwords.hash(password), false);
  }

  private static void checkPassword(String password, FieldProblems problems) {
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
      problems.add("password", "at least " + MIN_PASSWORD + " characters");
    } else if (password.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_PASSWORD_BYTES) {
      problems.add("password", "at most " + Passwords.MAX_PASSWORD_BYTES + " bytes (bcrypt reads no more)");
    }
  }

  private static String text(JsonObject body, String field, FieldProblems problems) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      problems.add(field, "expected a non-empty text");
      return null;
    }
    return "password".equals(field) ? s : s.strip();
  }

  private static List<String> roles(JsonObject body, FieldProblems problems) {
    Object v = body.getValue("roles");
    if (!(v instanceof JsonArray list) || list.isEmpty()) {
      problems.add("roles", "at least one of " + String.join(", ", AgentAccount.ROLES));
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Object r = list.getValue(i);
      if (!(r instanceof String s) || !AgentAccount.ROLES.contains(s)) {
        problems.add("roles." + i, "unknown role " + CallFilter.quoted(String.valueOf(r)) + " (known: "
            + String.join(", ", AgentAccount.ROLES) + ")");
      } else {
        out.add(s);
      }
    }
    return new ArrayList<>(out);
  }

  private static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiProblem.badRequest("id must be 1 to 64 of A-Z a-z 0-9 _ . - (not starting with _ . -)");
    }
    return id;
  }

  /** An account as the API shows it: never the password hash. */
  static JsonObject view(AgentAccount a) {
    return new JsonObject().put("id", a.id()).put("username", a.username()).put("name", a.name())
        .put("roles", new JsonArray(a.roles()));
  }

  private void answer(RoutingContext ctx, ApiAction action) {
    auth.caller(ctx, ApiAuth.ADMIN_ONLY)
        .compose(caller -> {
          try {
            return action.run(caller);
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
        })
        .onSuccess(body -> {
          if (ctx.response().getStatusCode() == 201) {
            ApiResponses.created(ctx, USERS + "/" + body.getString("id"), body);
          } else {
            ApiResponses.json(ctx, body);
          }
        })
        .onFailure(e -> {
          if (e instanceof FieldProblems p) {
            p.send(ctx);
          } else {
            ApiResponses.fail(ctx, e);
          }
        });
  }
}
