package io.switchboard.server.api;

import io.switchboard.media.CloseReason;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.echo.Echo;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The echo session resource used by the headset check, shaped like WHIP (RFC 9725 §4.2): POST the offer as
 * application/sdp, get 201 with the answer and the session's URL in Location; DELETE that URL to hang up.
 * Only a signed-in user (the login token as a bearer token, RFC 9725 §4.5) may allocate media here, within
 * {@link EchoQuota}; each session is seen and closed only by whoever started it.
 */
public final class EchoResource {

  static final String PATH = "/api/media/echo";
  private static final String SDP = "application/sdp";
  private static final int MAX_ENDED = 256;

  private final WebRtcEndpoint endpoint;
  private final ApiAuth auth;
  private final EchoQuota quota;
  // Only sessions created here are visible here (the endpoint also holds agents' and callers' sessions), each with
  // the id of the user who started it. Concurrent because a session's closed() may complete on a media thread.
  private final Map<String, String> ownerBySessionId = new ConcurrentHashMap<>();
  // The final state of recently ended sessions, so a client can still read why its session ended (e.g. a DTLS
  // certificate that did not match a=fingerprint). Bounded: the oldest are forgotten.
  private final Map<String, Ended> ended = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ended> eldest) {
          return size() > MAX_ENDED;
        }
      });

  private record Ended(String ownerId, JsonObject state) {
  }

  private EchoResource(WebRtcEndpoint endpoint, Authenticator authenticator, Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.quota = new EchoQuota(clock);
  }

  public static EchoResource create(WebRtcEndpoint endpoint, Authenticator authenticator) {
    return new EchoResource(endpoint, authenticator, Clock.systemUTC());
  }

  public void mount(Router router) {
    router.post(PATH).handler(JsonBody.reader()).handler(ctx -> signedIn(ctx, caller -> create(ctx, caller)));
    router.get(PATH + "/:id").handler(ctx -> signedIn(ctx, caller -> describe(ctx, caller)));
    router.delete(PATH + "/:id").handler(ctx -> signedIn(ctx, caller -> delete(ctx, caller)));
  }

  private void signedIn(RoutingContext ctx, Consumer<AgentAccount> action) {
    auth.caller(ctx, ApiAuth.ANY_ROLE).onSuccess(action::accept).onFailure(e -> ApiResponses.fail(ctx, e));
  }

  private void create(RoutingContext ctx, AgentAccount caller) {
    if (!SDP.equals(mediaType(ctx.request().getHeader("Content-Type")))) {
      ApiResponses.fail(ctx, new ApiProblem(415, "Content-Type must be " + SDP));
      return;
    }
    String offer = ctx.body().asString(StandardCharsets.UTF_8.name());
    if (offer == null || offer.isBlank()) {
      sendSdpError(ctx, "empty SDP offer");
      return;
    }
    String refusal = quota.take(caller.id());
    if (refusal != null) {
      ctx.response().putHeader("Retry-After", Long.toString(quota.retryAfterSeconds(caller.id())));
      ApiResponses.fail(ctx, new ApiProblem(429, refusal));
      return;
    }
    WebRtcSession session;
    try {
      session = endpoint.accept(offer, Echo.create());
    } catch (SdpException e) {
      quota.release(caller.id());
      sendSdpError(ctx, e.getMessage());
      return;
    } catch (RuntimeException e) {
      quota.release(caller.id());
      throw e;
    }
    ownerBySessionId.put(session.id(), caller.id());
    session.closed().onComplete(reason -> {
      ended.put(session.id(), new Ended(caller.id(), session.debugState()));
      if (ownerBySessionId.remove(session.id()) != null) {
        quota.release(caller.id());
      }
    });
    ctx.response()
        .setStatusCode(201)
        .putHeader("Content-Type", SDP)
        .putHeader("Location", PATH + "/" + session.id())
        .end(session.answerSdp());
  }

  private void describe(RoutingContext ctx, AgentAccount caller) {
    Optional<WebRtcSession> session = echoSession(ctx, caller);
    JsonObject state = session.map(WebRtcSession::debugState).orElseGet(() -> {
      Ended over = ended.get(ctx.pathParam("id"));
      return over != null && over.ownerId().equals(caller.id()) ? over.state() : null;
    });
    if (state == null) {
      ApiResponses.fail(ctx, ApiProblem.notFound("no echo session " + ctx.pathParam("id")));
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(state.encode());
  }

  private void delete(RoutingContext ctx, AgentAccount caller) {
    Optional<WebRtcSession> session = echoSession(ctx, caller);
    if (session.isEmpty()) {
      ApiResponses.fail(ctx, ApiProblem.notFound("no echo session " + ctx.pathParam("id")));
      return;
    }
    session.get().close(CloseReason.LOCAL);
    if (ownerBySessionId.remove(session.get().id()) != null) {
      quota.release(caller.id());
    }
    ctx.response().setStatusCode(204).end();
  }

  /** The caller's own open session named in the path: someone else's is answered as if it did not exist. */
  private Optional<WebRtcSession> echoSession(RoutingContext ctx, AgentAccount caller) {
    String id = ctx.pathParam("id");
    return caller.id().equals(ownerBySessionId.get(id)) ? endpoint.session(id) : Optional.empty();
  }

  /** RFC 9725 §4.2 leaves the error body open; the SDP parser's message in plain text is what a developer needs. */
  private static void sendSdpError(RoutingContext ctx, String message) {
    ctx.response()
        .setStatusCode(400)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message == null ? "invalid SDP offer" : message);
  }

  /** {@code application/SDP; charset=utf-8} → {@code application/sdp}; null when absent. */
  private static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
