package io.switchboard.signaling.impl;

import io.switchboard.signaling.AgentCommands;
import io.switchboard.signaling.AgentConnection;
import io.switchboard.signaling.MediaAnswer;
import io.switchboard.signaling.SupervisorCommands;
import io.switchboard.signaling.TransferRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** Turns a validated client frame into the matching {@link AgentCommands} or {@link SupervisorCommands} call. */
final class CommandDispatch {

  private final AgentCommands commands;
  private final SupervisorCommands supervisors;

  CommandDispatch(AgentCommands commands, SupervisorCommands supervisors) {
    this.commands = commands;
    this.supervisors = supervisors;
  }

  /**
   * Calls call control for {@code frame}. Replies other than {@code ack} (the {@code media.answer}) go to
   * {@code reply} before the returned future completes. Never throws: a throwing or null-returning command is a
   * failed future.
   */
  Future<Void> dispatch(AgentConnection c, ClientFrame frame, Consumer<JsonObject> reply) {
    try {
      return switch (frame.type()) {
        case ClientFrameSchema.MEDIA_OFFER -> mediaOffer(c, frame.string("sdp"), reply);
        case ClientFrameSchema.STATE_SET -> nonNull(commands.setState(c, frame.string("state"),
            frame.string("reason")));
        case ClientFrameSchema.CALL_ANSWER -> nonNull(commands.answer(c, frame.string("callId")));
        case ClientFrameSchema.CALL_REJECT -> nonNull(commands.reject(c, frame.string("callId")));
        case ClientFrameSchema.CALL_HANGUP -> nonNull(commands.hangup(c, frame.string("callId")));
        case ClientFrameSchema.CALL_HOLD -> nonNull(commands.hold(c, frame.string("callId"), frame.bool("on")));
        case ClientFrameSchema.CALL_MUTE -> nonNull(commands.mute(c, frame.string("callId"), frame.bool("on")));
        case ClientFrameSchema.CALL_DTMF -> nonNull(commands.dtmf(c, frame.string("callId"), frame.string("digits")));
        case ClientFrameSchema.MONITOR_START -> nonNull(supervisors.startMonitoring(c, frame.string("callId"),
            frame.string("mode")));
        case ClientFrameSchema.MONITOR_MODE -> nonNull(supervisors.changeMode(c, frame.string("callId"),
            frame.string("mode")));
        case ClientFrameSchema.MONITOR_STOP -> nonNull(supervisors.stopMonitoring(c, frame.string("callId")));
        case ClientFrameSchema.CALL_DIAL -> nonNull(commands.dial(c, frame.string("number"), frame.string("ref")));
        case ClientFrameSchema.TRANSFER_BLIND, ClientFrameSchema.TRANSFER_CONSULT -> nonNull(commands.transfer(c,
            new TransferRequest(frame.type().substring("transfer.".length()), frame.string("callId"),
                targetKind(frame), targetOf(frame))));
        case ClientFrameSchema.TRANSFER_COMPLETE, ClientFrameSchema.TRANSFER_CANCEL -> nonNull(commands.transfer(c,
            new TransferRequest(frame.type().substring("transfer.".length()), frame.string("callId"), null, null)));
        case ClientFrameSchema.TRANSFER_TARGETS -> transferTargets(c, reply);
        default -> Future.failedFuture(new IllegalStateException("no command for " + frame.type()));
      };
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> mediaOffer(AgentConnection c, String sdp, Consumer<JsonObject> reply) {
    Future<MediaAnswer> answer = commands.mediaOffer(c, sdp);
    if (answer == null) {
      return Future.failedFuture(new IllegalStateException("AgentCommands.mediaOffer returned a null future"));
    }
    return answer.compose(a -> {
      if (a == null) {
        return Future.failedFuture(new IllegalStateException("AgentCommands.mediaOffer completed with null"));
      }
      reply.accept(ServerFrames.mediaAnswer(a));
      return Future.succeededFuture();
    });
  }

  private static String targetKind(ClientFrame frame) {
    for (String kind : new String[] {TransferRequest.AGENT, TransferRequest.QUEUE, TransferRequest.NUMBER}) {
      if (frame.string(kind) != null) {
        return kind;
      }
    }
    return null;
  }

  private static String targetOf(ClientFrame frame) {
    String kind = targetKind(frame);
    return kind == null ? null : frame.string(kind);
  }

  private Future<Void> transferTargets(AgentConnection c, Consumer<JsonObject> reply) {
    Future<JsonObject> targets = commands.transferTargets(c);
    if (targets == null) {
      return Future.failedFuture(new IllegalStateException("AgentCommands.transferTargets returned a null future"));
    }
    return targets.compose(t -> {
      reply.accept(t.copy().put("type", "transfer.targets"));
      return Future.succeededFuture();
    });
  }

  private static <T> Future<Void> nonNull(Future<T> result) {
    return result == null
        ? Future.failedFuture(new IllegalStateException("AgentCommands returned a null future"))
        : result.mapEmpty();
  }
}
