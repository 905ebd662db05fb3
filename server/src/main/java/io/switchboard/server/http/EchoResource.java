package io.switchboard.server.http;

import io.switchboard.media.CloseReason;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.echo.Echo;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The echo session resource used by the headset check, shaped like WHIP (RFC 9725 §4.2): POST the offer as
 * application/sdp, get 201 with the answer and the session's URL in Location; DELETE that URL to hang up.
 */
final class EchoResource {

  static final String PATH = "/api/media/echo";
  private static final String SDP = "application/sdp";
  private static final int MAX_ENDED = 256;

  private final WebRtcEndpoint endpoint;
  // Only sessions created here are visible here: the endpoint will also hold agents' and callers' sessions.
  // Concurrent because a session's closed() may complete on a media thread.
  private final Set<String> echoSessionIds = ConcurrentHashMap.newKeySet();
  // The final state of recently ended sessions, so a client can still read why its session ended (e.g. a DTLS
  // certificate that did not match a=fingerprint). Bounded: the oldest are forgotten.
  private final Map<String, JsonObject> ended = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
          return size() > MAX_ENDED;
        }
      });

  EchoResource(WebRtcEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  void create(RoutingContext ctx) {
    if (!SDP.equals(mediaType(ctx.request().getHeader("Content-Type")))) {
      JsonError.send(ctx, 415, "Content-Type must be " + SDP);
      return;
    }
    String offer = ctx.body().asString(StandardCharsets.UTF_8.name());
    if (offer == null || offer.isBlank()) {
      sendSdpError(ctx, "empty SDP offer");
      return;
    }
    WebRtcSession session;
    try {
      session = endpoint.accept(offer, Echo.create());
    } catch (SdpException e) {
      sendSdpError(ctx, e.getMessage());
      return;
    }
    echoSessionIds.add(session.id());
    session.closed().onComplete(reason -> {
      ended.put(session.id(), session.debugState());
      echoSessionIds.remove(session.id());
    });
    ctx.response()
        .setStatusCode(201)
        .putHeader("Content-Type", SDP)
        .putHeader("Location", PATH + "/" + session.id())
        .end(session.answerSdp());
  }

  void describe(RoutingContext ctx) {
    Optional<WebRtcSession> session = echoSession(ctx);
    JsonObject state = session.map(WebRtcSession::debugState).orElseGet(() -> ended.get(ctx.pathParam("id")));
    if (state == null) {
      JsonError.send(ctx, 404, "no echo session " + ctx.pathParam("id"));
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(state.encode());
  }

  void delete(RoutingContext ctx) {
    Optional<WebRtcSession> session = echoSession(ctx);
    if (session.isEmpty()) {
      JsonError.send(ctx, 404, "no echo session " + ctx.pathParam("id"));
      return;
    }
    session.get().close(CloseReason.LOCAL);
    echoSessionIds.remove(session.get().id());
    ctx.response().setStatusCode(204).end();
  }

  private Optional<WebRtcSession> echoSession(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return echoSessionIds.contains(id) ? endpoint.session(id) : Optional.empty();
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
