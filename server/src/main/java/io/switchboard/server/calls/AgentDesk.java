package io.switchboard.server.calls;

import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.signaling.AgentCommands;
import io.switchboard.signaling.AgentConnection;
import io.switchboard.signaling.MediaAnswer;
import io.switchboard.signaling.SignalingException;
import io.switchboard.signaling.Welcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The agents' side of the call center: what their sockets ask (docs/protocol.md) — media for the shift, states,
 * answer, reject, hang up, hold, mute, DTMF. Availability goes through the routing engine, which decides who rings;
 * this class checks what only the desk knows (the headset is connected) and turns the engine's refusals into the
 * socket's errors. Runs on the call center's context like everything else there.
 */
final class AgentDesk implements AgentCommands {
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
      String id = connection.agent().id();
      Agent agent = center.agents.computeIfAbsent(id, x -> new Agent(connection.agent()));
      agent.connection = connection;
      center.listener.agentSignedIn(id, connection.agent().username(), connection.agent().name());
      if (center.engine.findAgent(id).isEmpty()) {
        center.engineEvent("profile " + id, () -> center.engine.updateAgent(
            LiveConfiguration.defaultProfile(id, center.routing)));
      }
      AgentState state = center.engine.findAgent(id).orElseThrow().state();
      if (state == AgentState.LOGGED_OUT) {
        center.engineEvent("login " + id, () -> center.engine.login(id));
      }
      var engineAgent = center.engine.findAgent(id).orElseThrow();
      agent.state = engineAgent.state();
      agent.reason = engineAgent.state() == AgentState.NOT_READY
          ? Agent.wireReason(engineAgent.notReadyReason()) : null;
      return Future.succeededFuture(new Welcome(Agent.wire(agent.state), agent.reason, reasons()));
    });
  }

  /** Used while the configuration names none. */
  private static final List<String> DEFAULT_REASONS = List.of("break", "lunch", "training", "after_call_work");

  private List<String> reasons() {
    return reasons(center.routing);
  }

  static List<String> reasons(io.switchboard.routing.config.RoutingConfiguration routing) {
    List<String> configured = routing.notReadyReasons();
    return configured.isEmpty() ? DEFAULT_REASONS : configured;
  }

  @Override
  public void disconnected(AgentConnection connection) {
    center.on(() -> {
      Agent agent = center.agents.get(connection.agent().id());
      if (agent == null || agent.connection != connection) {
        return Future.succeededFuture();
      }
      agent.connection = null;
      String id = agent.id();
      // Logged out, or (on a call) Not ready once it ends: the call itself goes on.
      if (!center.engineEvent("logout " + id, () -> center.engine.logout(id))) {
        center.engineEvent("not ready " + id, () -> center.engine.notReady(id, "disconnected"));
      }
      if (agent.call == null) {
        // No call to carry on: the shift's media session ends with the desk.
        if (agent.media != null) {
          agent.media.close(CloseReason.LOCAL);
        }
        center.agents.remove(id);
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
    if (call != null && call.phase == Call.Phase.CONNECTED && call.agent == agent) {
      call.event("agent_media_lost", new JsonObject().put("reason", reason.name()));
      center.end(call, "answered", "system");
    }
    // Ringing: the offer is withdrawn; Ready: no more offers; on a call: Not ready after it.
    if (center.agents.get(agent.id()) == agent) {
      center.engineEvent("media lost " + agent.id(), () -> center.engine.notReady(agent.id(), "media_lost"));
    }
  }

  @Override
  public Future<Void> setState(AgentConnection c, String state, String reason) {
    return onAgent(c, agent -> {
      String id = agent.id();
      // A consulted colleague is reserved until the consulting agent completes or cancels: Ready now would let the
      // ACD offer them a queue call while they talk to the colleague, and another reason would be overwritten.
      if (center.transfers.consulted(agent)) {
        throw new SignalingException("not_allowed", "you are in a consultation: it ends when your colleague"
            + " completes or cancels the transfer");
      }
      if (!state.equals("ready")) {
        if (reason == null || !reasons().contains(reason)) {
          throw new SignalingException("invalid_field", "reason: expected one of " + reasons());
        }
        engine(() -> center.engine.notReady(id, reason));
        return Future.succeededFuture();
      }
      if (agent.state == AgentState.ON_CALL) {
        engine(() -> center.engine.ready(id)); // cancels a pending "Not ready after this call"
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
            AgentState now = center.engine.findAgent(id).map(a -> a.state()).orElse(AgentState.LOGGED_OUT);
            if (now == AgentState.WRAP_UP) {
              engine(() -> center.engine.wrapUpDone(id));
              now = center.engine.findAgent(id).map(a -> a.state()).orElse(AgentState.LOGGED_OUT);
            }
            if (now == AgentState.NOT_READY || now == AgentState.ON_CALL) {
              engine(() -> center.engine.ready(id));
            }
            return Future.succeededFuture();
          }));
    });
  }

  @Override
  public Future<Void> answer(AgentConnection c, String callId) {
    return onCall(c, callId, (agent, call) -> {
      if (!call.ringing.contains(agent.id())) {
        throw new SignalingException("not_allowed", "this call is not ringing for you");
      }
      if (!agent.mediaConnected()) {
        throw new SignalingException("media_required", "the headset (media session) is not connected");
      }
      engine(() -> center.engine.answer(agent.id(), callId));
    });
  }

  @Override
  public Future<Void> reject(AgentConnection c, String callId) {
    return onCall(c, callId, (agent, call) -> {
      if (!call.ringing.contains(agent.id())) {
        throw new SignalingException("not_allowed", "this call is not ringing for you");
      }
      engine(() -> center.engine.decline(agent.id(), callId));
    });
  }

  @Override
  public Future<Void> dial(AgentConnection c, String number, String ref) {
    return onAgent(c, agent -> center.dialing.dial(agent, number, ref));
  }

  @Override
  public Future<Void> hangup(AgentConnection c, String callId) {
    if (callId.startsWith("o-")) {
      return onAgent(c, agent -> {
        center.dialing.hangup(agent, callId);
        return Future.succeededFuture();
      });
    }
    return onCall(c, callId, (agent, call) -> {
      requireConnected(agent, call);
      center.agentHungUp(call);
    });
  }

  @Override
  public Future<Void> hold(AgentConnection c, String callId, boolean on) {
    return onCall(c, callId, (agent, call) -> {
      requireConnected(agent, call);
      if (center.transfers.inProgress(call)) {
        // The caller is held for the consultation; resuming would mix them into the agent's talk with the colleague.
        throw new SignalingException("not_allowed", "complete or cancel the transfer first");
      }
      if (call.bridge.held() == on) {
        return;
      }
      call.bridge.hold(on);
      call.hold.set(on, java.time.Instant.now());
      call.audio.background(on ? TonePlayer.Pattern.HOLD_MUSIC : null);
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
        center.vertx.setTimer(1 + 150L * i, t -> call.leg.sendDtmf(digit));
      }
      call.event("dtmf", new JsonObject().put("digits", digits).put("from", "agent"));
    });
  }

  @Override
  public Future<Void> transfer(AgentConnection c, io.switchboard.signaling.TransferRequest request) {
    return onAgent(c, agent -> center.transfers.command(agent, request));
  }

  @Override
  public Future<JsonObject> transferTargets(AgentConnection c) {
    return onAgent(c, agent -> Future.succeededFuture(center.transfers.targets(agent)));
  }

  /** An engine event on the agent's behalf; the engine's refusal is the socket's not_allowed error. */
  private void engine(Supplier<List<io.switchboard.routing.acd.Decision>> event) {
    center.engineCommand("agent command", event).ifPresent(refused -> {
      throw new SignalingException("not_allowed", refused.getMessage());
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
