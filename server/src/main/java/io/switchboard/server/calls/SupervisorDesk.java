package io.switchboard.server.calls;

import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcSession;
import io.switchboard.signaling.AgentCommands;
import io.switchboard.signaling.AgentConnection;
import io.switchboard.signaling.MediaAnswer;
import io.switchboard.signaling.SignalingException;
import io.switchboard.signaling.Welcome;
import io.vertx.core.Future;
import java.util.List;

/**
 * The socket of an account that supervises but takes no calls (supervisor or admin, no agent role): the same
 * protocol as an agent's, with a welcome in state {@code supervisor}, one media session kept while the desk is open
 * ({@code media.offer}, as an agent's shift session) and the live calls it may join ({@code monitor.calls}). The
 * agent's call commands are refused. Runs on the call center's context.
 */
final class SupervisorDesk implements AgentCommands {
  /** The welcome's state for a supervisor's desk (docs/protocol.md). */
  static final String STATE = "supervisor";

  private final CallCenter center;
  private final Supervision supervision;

  SupervisorDesk(CallCenter center, Supervision supervision) {
    this.center = center;
    this.supervision = supervision;
  }

  @Override
  public Future<Welcome> connected(AgentConnection connection) {
    return center.on(() -> {
      Supervisor previous = supervision.supervisors.get(connection.agent().id());
      if (previous != null) {
        gone(previous, "replaced");
      }
      Supervisor s = new Supervisor(connection.agent());
      s.connection = connection;
      supervision.supervisors.put(s.id(), s);
      // Held back by the socket until the welcome is out.
      s.send(supervision.calls(s));
      return Future.succeededFuture(new Welcome(STATE, null, List.of()));
    });
  }

  @Override
  public void disconnected(AgentConnection connection) {
    center.on(() -> {
      Supervisor s = supervision.supervisors.get(connection.agent().id());
      if (s != null && s.connection == connection) {
        gone(s, "disconnected");
      }
      return Future.succeededFuture();
    });
  }

  private void gone(Supervisor s, String reason) {
    supervision.supervisorGone(s, reason);
    supervision.supervisors.remove(s.id(), s);
    s.connection = null;
    if (s.media != null) {
      s.media.close(CloseReason.LOCAL);
      s.media = null;
    }
  }

  @Override
  public Future<MediaAnswer> mediaOffer(AgentConnection c, String sdp) {
    return center.on(() -> {
      Supervisor s = supervisor(c);
      if (s.monitoring != null) {
        throw new SignalingException("not_allowed", "leave the call before replacing the media session");
      }
      WebRtcSession session;
      try {
        session = center.endpoint.accept(sdp, MediaSink.DISCARD);
      } catch (SdpException e) {
        throw new SignalingException("invalid_field", "sdp: " + e.getMessage());
      }
      WebRtcSession previous = s.media;
      s.media = session;
      if (previous != null) {
        previous.close(CloseReason.LOCAL);
      }
      session.closed().onComplete(reason -> center.on(() -> {
        if (s.media == session) {
          supervision.supervisorGone(s, "media_lost");
          s.media = null;
        }
        return Future.succeededFuture();
      }));
      return Future.succeededFuture(new MediaAnswer(session.answerSdp(), session.id()));
    });
  }

  private Supervisor supervisor(AgentConnection c) {
    Supervisor s = supervision.supervisors.get(c.agent().id());
    if (s == null || s.connection != c) {
      throw new SignalingException("not_authenticated", "this socket is no longer active");
    }
    return s;
  }

  private static <T> Future<T> noCalls() {
    return Future.failedFuture(new SignalingException("not_allowed", "this account has no agent role"));
  }

  @Override
  public Future<Void> setState(AgentConnection c, String state, String reason) {
    return noCalls();
  }

  @Override
  public Future<Void> answer(AgentConnection c, String callId) {
    return noCalls();
  }

  @Override
  public Future<Void> reject(AgentConnection c, String callId) {
    return noCalls();
  }

  @Override
  public Future<Void> hangup(AgentConnection c, String callId) {
    return noCalls();
  }

  @Override
  public Future<Void> hold(AgentConnection c, String callId, boolean on) {
    return noCalls();
  }

  @Override
  public Future<Void> mute(AgentConnection c, String callId, boolean on) {
    return noCalls();
  }

  @Override
  public Future<Void> dtmf(AgentConnection c, String callId, String digits) {
    return noCalls();
  }
}
