package io.switchboard.server.calls;

import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.signaling.AgentCommands;
import io.switchboard.signaling.AgentConnection;
import io.switchboard.signaling.MediaAnswer;
import io.switchboard.signaling.SignalingException;
import io.switchboard.signaling.Welcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The agents' side of the call center: what their sockets ask (docs/protocol.md) — media for the shift, states,
 * answer, reject, hang up, hold, mute, DTMF. Runs on the call center's context like everything else there.
 */
final class AgentDesk implements AgentCommands {
  private static final List<String> NOT_READY_REASONS = List.of("break", "lunch", "training", "after_call_work");

  private final CallCenter center;

  AgentDesk(CallCenter center) {
    this.center = center;
  }

  @Override
  public Future<Welcome> connected(AgentConnection connection) {
    if (!connection.agent().hasRole(io.switchboard.signaling.AgentAccount.AGENT)) {
      // A supervisor- or admin-only account may sign in to the API, but is never offered calls.
      return Future.failedFuture(new SignalingException("not_allowed", "this account has no agent role"));
    }
    return center.on(() -> {
      Agent agent = center.agents.computeIfAbsent(connection.agent().id(), id -> new Agent(connection.agent()));
      agent.connection = connection;
      if (agent.call == null) {
        agent.state = AgentState.NOT_READY;
        agent.reason = "logged_in";
        agent.since = Instant.now();
      }
      return Future.succeededFuture(new Welcome(agent.state.wire(), agent.reason, NOT_READY_REASONS));
    });
  }

  @Override
  public void disconnected(AgentConnection connection) {
    center.on(() -> {
      Agent agent = center.agents.get(connection.agent().id());
      if (agent == null || agent.connection != connection) {
        return Future.succeededFuture();
      }
      agent.connection = null;
      Call call = agent.call;
      if (call != null && call.phase == Call.Phase.RINGING) {
        center.withdrawOffer(call, "agent_disconnected");
      }
      if (agent.call == null) {
        // No call to carry on: the shift's media session ends with the desk.
        if (agent.media != null) {
          agent.media.close(CloseReason.LOCAL);
        }
        center.agents.remove(agent.id());
      }
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<MediaAnswer> mediaOffer(AgentConnection c, String sdp) {
    return onAgent(c, agent -> {
      if (agent.call != null && agent.call.phase == Call.Phase.CONNECTED) {
        throw new SignalingException("not_allowed", "cannot replace the media session during a call");
      }
      WebRtcSession session;
      try {
        session = center.endpoint.accept(sdp, MediaSink.DISCARD);
      } catch (SdpException e) {
        throw new SignalingException("invalid_field", "sdp: " + e.getMessage());
      }
      WebRtcSession previous = agent.media;
      agent.media = session;
      if (previous != null) {
        previous.close(CloseReason.LOCAL);
      }
      session.closed().onComplete(reason -> center.on(() -> {
        mediaClosed(agent, session, reason.result());
        return Future.succeededFuture();
      }));
      return Future.succeededFuture(new MediaAnswer(session.answerSdp(), session.id()));
    });
  }

  private void mediaClosed(Agent agent, WebRtcSession session, CloseReason reason) {
    if (agent.media != session) {
      return;
    }
    agent.media = null;
    Call call = agent.call;
    if (call != null && call.phase == Call.Phase.CONNECTED) {
      call.event("agent_media_lost", new JsonObject().put("reason", reason.name()));
      center.end(call, "answered", "system");
    } else if (call != null && call.phase == Call.Phase.RINGING) {
      center.withdrawOffer(call, "agent_media_lost");
    }
    if (agent.state == AgentState.READY && agent.connection != null) {
      agent.state(AgentState.NOT_READY, "media_lost");
    }
  }

  @Override
  public Future<Void> setState(AgentConnection c, String state, String reason) {
    return onAgent(c, agent -> {
      if (agent.state == AgentState.RINGING || agent.state == AgentState.ON_CALL) {
        throw new SignalingException("not_allowed", "finish the current call first");
      }
      if (!state.equals("ready")) {
        agent.state(AgentState.NOT_READY, reason);
        return Future.succeededFuture();
      }
      if (agent.media == null || agent.media.closed().isComplete()) {
        throw new SignalingException("media_required", "connect the headset (media session) before going Ready");
      }
      // The browser may ask right after its own DTLS finished, a moment before ours: wait for it, briefly.
      return agent.media.connected().timeout(5, java.util.concurrent.TimeUnit.SECONDS)
          .recover(e -> Future.failedFuture(new SignalingException("media_required",
              "the headset (media session) did not connect")))
          .compose(v -> center.on(() -> {
            if (agent.state == AgentState.RINGING || agent.state == AgentState.ON_CALL) {
              return Future.succeededFuture();
            }
            if (agent.state != AgentState.READY) {
              agent.idleSince = Instant.now();
              agent.missedInARow = 0;
            }
            agent.state(AgentState.READY, null);
            center.dispatch();
            return Future.succeededFuture();
          }));
    });
  }

  @Override
  public Future<Void> answer(AgentConnection c, String callId) {
    return onCall(c, callId, (agent, call) -> {
      if (call.phase != Call.Phase.RINGING || call.offeredTo != agent) {
        throw new SignalingException("not_allowed", "this call is not ringing for you");
      }
      if (!agent.mediaConnected()) {
        throw new SignalingException("media_required", "the headset (media session) is not connected");
      }
      center.connect(call, agent);
    });
  }

  @Override
  public Future<Void> reject(AgentConnection c, String callId) {
    return onCall(c, callId, (agent, call) -> {
      if (call.phase != Call.Phase.RINGING || call.offeredTo != agent) {
        throw new SignalingException("not_allowed", "this call is not ringing for you");
      }
      center.withdrawOffer(call, "rejected");
    });
  }

  @Override
  public Future<Void> hangup(AgentConnection c, String callId) {
    return onCall(c, callId, (agent, call) -> {
      if (call.phase != Call.Phase.CONNECTED || call.agent != agent) {
        throw new SignalingException("not_allowed", "you are not on this call");
      }
      center.end(call, "answered", "agent");
    });
  }

  @Override
  public Future<Void> hold(AgentConnection c, String callId, boolean on) {
    return onCall(c, callId, (agent, call) -> {
      requireConnected(agent, call);
      if (call.bridge.held() == on) {
        return;
      }
      call.bridge.hold(on);
      if (on) {
        call.holdMusic = TonePlayer.start(center.vertx, call.leg.media(), TonePlayer.Pattern.HOLD_MUSIC);
      } else if (call.holdMusic != null) {
        call.holdMusic.stop();
        call.holdMusic = null;
      }
      call.event(on ? "hold" : "resume", new JsonObject().put("agent", agent.id()));
      agent.send(new JsonObject().put("type", "call.held").put("callId", call.id).put("on", on));
    });
  }

  @Override
  public Future<Void> mute(AgentConnection c, String callId, boolean on) {
    return onCall(c, callId, (agent, call) -> {
      requireConnected(agent, call);
      call.bridge.muteAgent(on);
      call.event(on ? "mute" : "unmute", new JsonObject().put("agent", agent.id()));
      agent.send(new JsonObject().put("type", "call.muted").put("callId", call.id).put("on", on));
    });
  }

  @Override
  public Future<Void> dtmf(AgentConnection c, String callId, String digits) {
    return onCall(c, callId, (agent, call) -> {
      requireConnected(agent, call);
      for (int i = 0; i < digits.length(); i++) {
        char digit = digits.charAt(i);
        // RFC 4733 events of ~100 ms each, 150 ms apart, so the far end sees separate digits.
        center.vertx.setTimer(1 + 150L * i, t -> call.leg.media().sendDtmf(digit));
      }
      call.event("dtmf", new JsonObject().put("digits", digits).put("from", "agent"));
    });
  }

  private static void requireConnected(Agent agent, Call call) {
    if (call.phase != Call.Phase.CONNECTED || call.agent != agent) {
      throw new SignalingException("not_allowed", "you are not on this call");
    }
  }

  private interface AgentAction<T> {
    Future<T> apply(Agent agent);
  }

  private interface CallAction {
    void apply(Agent agent, Call call);
  }

  private <T> Future<T> onAgent(AgentConnection c, AgentAction<T> action) {
    return center.on(() -> {
      Agent agent = center.agents.get(c.agent().id());
      if (agent == null || agent.connection != c) {
        return Future.failedFuture(new SignalingException("not_authenticated", "this socket is no longer active"));
      }
      return action.apply(agent);
    });
  }

  private Future<Void> onCall(AgentConnection c, String callId, CallAction action) {
    return onAgent(c, agent -> {
      Call call = center.calls.get(callId);
      if (call == null) {
        throw new SignalingException("no_such_call", "no call " + callId);
      }
      action.apply(agent, call);
      return Future.succeededFuture();
    });
  }

}
