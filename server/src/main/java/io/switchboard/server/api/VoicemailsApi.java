package io.switchboard.server.api;

import io.switchboard.server.store.Store;
import io.switchboard.server.store.VoicemailQuery;
import io.switchboard.server.store.Voicemails;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Voicemails (docs/api.md): list, one, the audio (Range, audited like recordings), status. For supervisors and admins
 * only: a voicemail is left for a queue, not for the agent who happens to read the list, and whoever hears it must
 * be someone who can act on it (call back, hand it on). Agents get 403.
 */
public final class VoicemailsApi {

  static final String VOICEMAILS = "/api/voicemails";
  static final List<String> READERS = CustomersApi.EDITORS;
  /** What a person may set: {@code recording} is call control's while the caller speaks. */
  static final List<String> SETTABLE = List.of("new", "heard", "archived");

  private final Store store;
  private final ApiAuth auth;
  private final RecordingResource audio;

  private VoicemailsApi(Vertx vertx, Store store, Authenticator authenticator, Path recordingsDir) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.audio = new RecordingResource(vertx, store, recordingsDir);
  }

  /** @param recordingsDir the folder a voicemail's {@code recording.file} is resolved under, as for calls */
  public static VoicemailsApi create(Vertx vertx, Store store, Authenticator authenticator, Path recordingsDir) {
    return new VoicemailsApi(vertx, store, authenticator, recordingsDir);
  }

  public void mount(Router router) {
    router.get(VOICEMAILS).handler(ctx -> ApiAction.answer(ctx, auth, READERS, caller -> list(ctx)));
    router.get(VOICEMAILS + "/:id").handler(ctx -> ApiAction.answer(ctx, auth, READERS,
        caller -> voicemail(ctx).map(VoicemailsApi::view)));
    router.get(VOICEMAILS + "/:id/audio").handler(ctx -> auth.caller(ctx, READERS)
        .compose(caller -> {
          try {
            return voicemail(ctx).compose(vm -> audio.streamVoicemail(ctx, caller, vm));
          } catch (ApiProblem problem) {
            return Future.failedFuture(problem);
          }
        })
        .onFailure(e -> ApiResponses.fail(ctx, e)));
    router.patch(VOICEMAILS + "/:id").handler(JsonBody.reader()).handler(ctx -> ApiAction.answer(ctx, auth, READERS,
        caller -> patch(ctx)));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    PageParams params = PageParams.of(ctx.queryParams(), Set.of("status", "mailbox", "from", "customerId"));
    String status = params.text("status", 64);
    if (status != null && !Voicemails.STATUSES.contains(status)) {
      throw ApiProblem.badRequest("status must be one of " + Voicemails.STATUSES);
    }
    String from = CallFilter.single(ctx.queryParams(), "from");
    int limit = params.limit();
    VoicemailQuery query = new VoicemailQuery(status, params.id("mailbox"),
        from == null ? null : E164.of("from", from.replace(' ', '+')), params.id("customerId"), params.cursor(),
        limit);
    return store.voicemails().find(query).map(found -> CustomersApi.page(found, limit, VoicemailsApi::view));
  }

  private Future<JsonObject> voicemail(RoutingContext ctx) {
    String id = CustomersApi.pathId(ctx);
    return store.voicemails().byId(id).map(found -> found.orElseThrow(() -> ApiProblem.notFound("no voicemail "
        + id)));
  }

  private Future<JsonObject> patch(RoutingContext ctx) {
    String id = CustomersApi.pathId(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("status"));
    String status = body.oneOf("status", SETTABLE, true);
    return voicemail(ctx).compose(vm -> {
      if ("recording".equals(vm.getString("status"))) {
        throw ApiProblem.conflict("voicemail " + id + " is still being recorded");
      }
      return store.voicemails().setStatus(id, status);
    }).map(updated -> view(updated.orElseThrow(() -> ApiProblem.notFound("no voicemail " + id))));
  }

  /** As the API shows a voicemail: the audio as a link, never the file's name. */
  static JsonObject view(JsonObject stored) {
    String id = stored.getString("_id");
    JsonObject recording = stored.getJsonObject("recording");
    return new JsonObject().put("id", id)
        .put("callId", stored.getValue("callId"))
        .put("from", stored.getValue("from"))
        .put("customerId", stored.getValue("customerId"))
        .put("mailbox", stored.getValue("mailbox"))
        .put("lang", stored.getValue("lang"))
        .put("status", stored.getValue("status"))
        .put("recording", recording == null ? null : new JsonObject()
            .put("durationMillis", recording.getValue("durationMillis"))
            .put("bytes", recording.getValue("bytes"))
            .put("url", VOICEMAILS + "/" + id + "/audio"))
        .put("createdAt", CallView.date(stored.getValue("createdAt")))
        .put("updatedAt", CallView.date(stored.getValue("updatedAt")));
  }
}
