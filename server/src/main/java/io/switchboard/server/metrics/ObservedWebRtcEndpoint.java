package io.switchboard.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.WebRtcSession;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The WebRTC endpoint, counted from the outside: every session it accepts is followed to its close, and the close
 * reason counted ({@code dtls_failed} is a failed DTLS handshake, e.g. a certificate that does not match the SDP
 * fingerprint). Media itself stays free of any metrics library; only the server composes this in.
 */
final class ObservedWebRtcEndpoint implements WebRtcEndpoint {

  private final WebRtcEndpoint endpoint;
  private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
  private final Counter dtlsFailures;
  private final Counter offersRefused;

  ObservedWebRtcEndpoint(WebRtcEndpoint endpoint, MeterRegistry registry) {
    this.endpoint = endpoint;
    for (CloseReason reason : CloseReason.values()) {
      closed.put(reason, Counter.builder("switchboard.webrtc.sessions.closed")
          .description("Browser media sessions closed, by reason").tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
    dtlsFailures = Counter.builder("switchboard.dtls.failures")
        .description("DTLS handshakes that failed (the session closed with dtls_failed)").register(registry);
    offersRefused = Counter.builder("switchboard.webrtc.offers.refused")
        .description("Browser SDP offers refused (malformed or nothing usable)").register(registry);
    Gauge.builder("switchboard.webrtc.sessions.active", endpoint, WebRtcEndpoint::sessionCount)
        .description("Browser media sessions open now").register(registry);
  }

  @Override
  public WebRtcSession accept(String offerSdp, MediaSink sink) throws SdpException {
    WebRtcSession session;
    try {
      session = endpoint.accept(offerSdp, sink);
    } catch (SdpException e) {
      offersRefused.increment();
      throw e;
    }
    session.closed().onSuccess(reason -> {
      closed.get(reason).increment();
      if (reason == CloseReason.DTLS_FAILED) {
        dtlsFailures.increment();
      }
    });
    return session;
  }

  @Override
  public Optional<WebRtcSession> session(String id) {
    return endpoint.session(id);
  }

  @Override
  public int sessionCount() {
    return endpoint.sessionCount();
  }

  @Override
  public int localPort() {
    return endpoint.localPort();
  }

  @Override
  public JsonObject debugState() {
    return endpoint.debugState();
  }

  @Override
  public Future<Void> close() {
    return endpoint.close();
  }
}
