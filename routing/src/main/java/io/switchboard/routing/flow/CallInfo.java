package io.switchboard.routing.flow;

import java.util.Objects;

/** The arriving call as the flow sees it. {@code callerNumber} is E.164 or null (anonymous, widget). */
public record CallInfo(String callId, String callerNumber, String dialled, Channel channel) {

  public enum Channel { TRUNK, WIDGET }

  public CallInfo {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(channel, "channel");
  }
}
