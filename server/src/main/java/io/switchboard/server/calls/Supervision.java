package io.switchboard.server.calls;

import io.switchboard.media.MediaSink;
import io.switchboard.media.mixer.Mixer;
import io.switchboard.media.mixer.Participant;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentConnection;
import io.switchboard.signaling.SignalingException;
import io.switchboard.signaling.SupervisorCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listen, whisper and barge (docs/protocol.md, "Supervisors"): a supervisor joins a live call over their own media
 * session, through the call bridge's mixer ({@link MonitoredCall} decides who hears whom). Only a supervisor of one of
 * the agent's groups (every supervisor while no group is configured) or an admin may; every join, mode change and
 * leave is written to the {@code audit} collection — a join or a change only once the audit entry is stored — and
 * noted in the call's timeline. The supervisor leaving never ends the call; the call ending ends the supervision.
 * Runs on the call center's context.
 */
final class Supervision implements SupervisorCommands {
  private static final Logger LOG = Logger.getLogger(Supervision.class.getName());

  private final CallCenter center;
  final Map<String, Supervisor> supervisors = new LinkedHashMap<>();
  private final Map<String, MonitoredCall> monitored = new LinkedHashMap<>();

  Supervision(CallCenter center) {
    this.center = center;
  }

  // ---------------------------------------------------------------- the socket's requests

  @Override
  public Future<Void> startMonitoring(AgentConnection c, String callId, String mode) {
    return center.on(() -> {
      Supervisor s = supervisor(c);
      Call call = liveCall(callId);
      authorize(s.account, call);
      if (!s.mediaConnected()) {
        throw new SignalingException("media_required", "connect the headset (media session) before joining a call");
      }
      if (s.monitoring != null && s.monitoring.call == call) {
        return changeNow(s, mode);
      }
      return audited(s, "monitor.join", call, new JsonObject().put("mode", mode)).compose(v -> center.on(() -> {
        Call now = liveCall(callId);
        if (supervisors.get(s.id()) != s || !s.mediaConnected()) {
          throw new SignalingException("media_required", "the media session closed");
        }
        if (s.monitoring != null) {
          leave(s.monitoring, "moved");
        }
        join(s, now, mode);
        return Future.succeededFuture();
      }));
    });
  }

  @Override
  public Future<Void> changeMode(AgentConnection c, String callId, String mode) {
    return center.on(() -> {
      Supervisor s = supervisor(c);
      if (s.monitoring == null || !s.monitoring.call.id.equals(callId)) {
        throw new SignalingException("not_allowed", "you are not monitoring this call");
      }
      return changeNow(s, mode);
    });
  }

  @Override
  public Future<Void> stopMonitoring(AgentConnection c, String callId) {
    return center.on(() -> {
      Supervisor s = supervisor(c);
      if (s.monitoring == null || !s.monitoring.call.id.equals(callId)) {
        throw new SignalingException("not_allowed", "you are not monitoring this call");
      }
      leave(s.monitoring, "stopped");
      return Future.succeededFuture();
    });
  }

  private Future<Void> changeNow(Supervisor s, String mode) {
    Monitoring m = s.monitoring;
    if (m.mode.equals(mode)) {
      return Future.succeededFuture();
    }
    return audited(s, "monitor.mode", m.call, new JsonObject().put("mode", mode).put("from", m.mode))
        .compose(v -> center.on(() -> {
          if (s.monitoring != m) {
            throw new SignalingException("not_allowed", "you are no longer monitoring this call");
          }
          m.mode = mode;
          MonitoredCall mc = monitored.get(m.call.id);
          if (mc != null) {
            mc.remix();
          }
          m.call.event("supervisor_mode", new JsonObject().put("supervisor", s.id()).put("mode", mode));
          s.send(state(m.call.id, mode, null));
          broadcast();
          return Future.succeededFuture();
        }));
  }

  // ---------------------------------------------------------------- joining and leaving

  private void join(Supervisor s, Call call, String mode) {
    Mixer mixer = call.bridge.mix(center.vertx);
    MonitoredCall mc = monitored.computeIfAbsent(call.id, id -> new MonitoredCall(call, call.bridge));
    Participant voice = mixer.join(s.media);
    var media = s.media;
    media.onMediaContext(() -> media.sink(voice.voiceSink()));
    Monitoring m = new Monitoring(s, call, voice, mode);
    s.monitoring = m;
    mc.monitorings.add(m);
    mc.remix();
    call.event("supervisor_joined", new JsonObject().put("supervisor", s.id())
        .put("name", s.account.name()).put("mode", mode).put("mediaSession", media.id()));
    s.send(state(call.id, mode, null));
    broadcast();
  }

  /** Takes the supervisor out of the call; the call goes on. The last one out stops the mixing. */
  private void leave(Monitoring m, String reason) {
    Supervisor s = m.supervisor;
    if (s.monitoring == m) {
      s.monitoring = null;
    }
    m.voice.leave();
    var media = s.media;
    if (media != null) {
      media.onMediaContext(() -> media.sink(MediaSink.DISCARD));
    }
    MonitoredCall mc = monitored.get(m.call.id);
    if (mc != null) {
      mc.monitorings.remove(m);
      if (mc.monitorings.isEmpty()) {
        monitored.remove(m.call.id);
        mc.close();
      } else {
        mc.remix();
      }
    }
    m.call.event("supervisor_left", new JsonObject().put("supervisor", s.id()).put("reason", reason));
    audited(s, "monitor.leave", m.call, new JsonObject().put("mode", m.mode).put("reason", reason));
    s.send(state(m.call.id, null, reason));
    broadcast();
  }

  // ---------------------------------------------------------------- what call control tells us

  /** A call was connected to an agent: supervisors see it in their list. */
  void callConnected(Call call) {
    broadcast();
  }

  /**
   * The conversation is over (the bridge is about to go): whoever monitors it leaves. The list goes out once call
   * control has finished detaching the agent (next turn of the context), so it no longer shows the call.
   */
  void callDetached(Call call) {
    MonitoredCall mc = monitored.get(call.id);
    if (mc != null) {
      for (Monitoring m : new ArrayList<>(mc.monitorings)) {
        leave(m, "call_ended");
      }
    }
    center.context.runOnContext(v -> broadcast());
  }

  /** The supervisor's desk or media is gone. */
  void supervisorGone(Supervisor s, String reason) {
    if (s.monitoring != null) {
      leave(s.monitoring, reason);
    }
  }

  // ---------------------------------------------------------------- the live list

  /** Sends every supervisor the calls they may monitor (docs/protocol.md, {@code monitor.calls}). */
  void broadcast() {
    for (Supervisor s : supervisors.values()) {
      s.send(calls(s));
    }
  }

  JsonObject calls(Supervisor s) {
    JsonArray list = new JsonArray();
    for (Call call : center.calls.values()) {
      if (call.phase != Call.Phase.CONNECTED || call.agent == null || call.agent.call != call
          || !mayMonitor(s.account, call.agent.id())) {
        continue;
      }
      MonitoredCall mc = monitored.get(call.id);
      JsonArray in = new JsonArray();
      if (mc != null) {
        mc.monitorings.forEach(m -> in.add(m.supervisor.who().put("mode", m.mode)));
      }
      list.add(new JsonObject().put("callId", call.id).put("from", call.from).put("to", call.to)
          .put("queue", call.queueId == null ? null
              : new JsonObject().put("id", call.queueId).put("name", call.queueName))
          .put("agent", new JsonObject().put("id", call.agent.id()).put("name", call.agent.account.name()))
          .put("answeredAt", call.answeredAt == null ? null : call.answeredAt.toString())
          .put("mode", s.monitoring != null && s.monitoring.call == call ? s.monitoring.mode : null)
          .put("supervisors", in));
    }
    return new JsonObject().put("type", "monitor.calls").put("calls", list);
  }

  // ---------------------------------------------------------------- rules and records

  /** Admins everywhere; a supervisor the agents of their groups (everyone's while no group is configured). */
  boolean mayMonitor(AgentAccount account, String agentId) {
    if (account.hasRole(AgentAccount.ADMIN)) {
      return true;
    }
    RoutingConfiguration routing = center.routing;
    return account.hasRole(AgentAccount.SUPERVISOR)
        && (routing.groups().isEmpty() || routing.supervises(account.id(), agentId));
  }

  private void authorize(AgentAccount account, Call call) {
    if (!mayMonitor(account, call.agent.id())) {
      throw new SignalingException("forbidden", "you supervise none of the groups of this call's agent");
    }
  }

  private Supervisor supervisor(AgentConnection c) {
    Supervisor s = supervisors.get(c.agent().id());
    if (s == null || s.connection != c) {
      throw new SignalingException("not_allowed",
          "monitoring needs a supervisor desk: sign in with a supervisor or admin account without the agent role");
    }
    return s;
  }

  private Call liveCall(String callId) {
    Call call = center.calls.get(callId);
    if (call == null || call.phase != Call.Phase.CONNECTED || call.bridge == null || call.agent == null) {
      throw new SignalingException("no_such_call", "no call " + callId + " is connected to an agent");
    }
    return call;
  }

  /** Writes the audit entry (who, action, target agent, when, details); fails if it cannot be stored. */
  private Future<Void> audited(Supervisor s, String action, Call call, JsonObject details) {
    AgentAccount a = s.account;
    JsonObject entry = new JsonObject()
        .put("action", action)
        .put("callId", call.id)
        .put("target", call.agent == null ? null : call.agent.id())
        .put("at", new JsonObject().put("$date", Instant.now().toString()))
        .put("who", new JsonObject().put("id", a.id()).put("username", a.username()))
        .put("by", new JsonObject().put("id", a.id()).put("username", a.username())
            .put("roles", new JsonArray(a.roles())))
        .put("details", details);
    Future<Void> saved = center.store.saveAudit(entry)
        .onFailure(e -> LOG.log(Level.WARNING, action + " of " + a.id() + " on " + call.id + " not audited", e));
    center.records.track(saved);
    return saved;
  }

  private static JsonObject state(String callId, String mode, String reason) {
    JsonObject frame = new JsonObject().put("type", "monitor.state").put("callId", callId).put("mode", mode);
    return reason == null ? frame : frame.put("reason", reason);
  }

  /** Every supervisor leaves (the server is stopping); their media sessions close with their desks. */
  void close() {
    for (Supervisor s : List.copyOf(supervisors.values())) {
      supervisorGone(s, "server_stopping");
    }
  }
}
