package io.switchboard.routing.flow;

import java.util.List;
import java.util.Objects;

/**
 * A website entry point: the click-to-call widget embedded with {@code data-entry="<name>"} reaches this flow, but
 * only from pages whose origin (RFC 6454 §6.2: {@code scheme://host[:port]}, as the browser sends it in the
 * WebSocket's {@code Origin} header) is listed. An entry point with no origins cannot be called at all.
 *
 * @param name    what the widget's {@code data-entry} names
 * @param flow    the flow the web caller runs
 * @param origins the exact origins allowed to call
 */
public record WebEntryPoint(String name, Flow flow, List<String> origins) {

  public WebEntryPoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(flow, "flow");
    origins = List.copyOf(origins);
  }

  /** Whether a page of this origin may call (exact match; origins are compared in their serialized form). */
  public boolean allows(String origin) {
    return origin != null && origins.contains(origin);
  }
}
