package io.switchboard.routing.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which flow answers a dialled number, and which one answers the website widget. */
public record EntryPoints(Map<String, Flow> byNumber, Optional<Flow> widget) {

  public EntryPoints {
    byNumber = Collections.unmodifiableMap(new LinkedHashMap<>(byNumber));
  }

  public Optional<Flow> forCall(CallInfo call) {
    return call.channel() == CallInfo.Channel.WIDGET ? widget : Optional.ofNullable(byNumber.get(call.dialled()));
  }
}
