package io.switchboard.routing.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which flow answers a dialled number, which one answers the website widget, and the named website entry points
 * ({@link WebEntryPoint}: a flow and the page origins allowed to call it).
 */
public record EntryPoints(Map<String, Flow> byNumber, Optional<Flow> widget, Map<String, WebEntryPoint> web) {

  public EntryPoints {
    byNumber = Collections.unmodifiableMap(new LinkedHashMap<>(byNumber));
    web = Collections.unmodifiableMap(new LinkedHashMap<>(web));
  }

  /** Entry points without website ones. */
  public EntryPoints(Map<String, Flow> byNumber, Optional<Flow> widget) {
    this(byNumber, widget, Map.of());
  }

  /** The website entry point the widget names, if the web channel is open there. */
  public Optional<WebEntryPoint> webEntry(String name) {
    return Optional.ofNullable(name == null ? null : web.get(name));
  }

  public Optional<Flow> forCall(CallInfo call) {
    return call.channel() == CallInfo.Channel.WIDGET ? widget : Optional.ofNullable(byNumber.get(call.dialled()));
  }
}
