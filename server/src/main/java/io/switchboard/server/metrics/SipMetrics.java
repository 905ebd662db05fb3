package io.switchboard.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.SipTrafficObserver;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's traffic as Prometheus counters: requests by method, responses by method and status code, refusals
 * by reason and the gateway's other events. Counters are looked up once per label set and kept, so a message costs
 * a map lookup and an add. Methods outside RFC 3261's and its extensions' list are counted as {@code OTHER}, so a
 * peer cannot grow the label set at will.
 */
final class SipMetrics implements SipTrafficObserver {

  /** RFC 3261 §7.1 and the extensions' methods (RFC 3262, 3265, 3311, 3428, 3515, 3903, 6086). */
  private static final Set<String> METHODS = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER",
      "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE");
  private static final String REJECTED = "rejected_";

  private final MeterRegistry registry;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> responses = new ConcurrentHashMap<>();
  private final Map<String, Counter> events = new ConcurrentHashMap<>();

  SipMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void requestReceived(String method) {
    String m = known(method);
    requests.computeIfAbsent(m, k -> Counter.builder("switchboard.sip.requests")
        .description("SIP requests received, by method").tag("method", k).register(registry)).increment();
  }

  @Override
  public void responseSent(String method, int status) {
    String m = known(method);
    int code = status >= 100 && status <= 699 ? status : 0;
    responses.computeIfAbsent(m + ' ' + code, k -> Counter.builder("switchboard.sip.responses")
        .description("SIP responses sent, by request method and status code")
        .tags("method", m, "code", Integer.toString(code)).register(registry)).increment();
  }

  @Override
  public void event(String name) {
    // The gateway names its events itself (a fixed set in code), so they are safe as label values.
    events.computeIfAbsent(name, k -> k.startsWith(REJECTED)
        ? Counter.builder("switchboard.sip.rejected").description("SIP requests refused, by reason")
            .tag("reason", k.substring(REJECTED.length())).register(registry)
        : Counter.builder("switchboard.sip.events").description("SIP gateway events, by name")
            .tag("event", k).register(registry)).increment();
  }

  private static String known(String method) {
    String upper = method == null ? "" : method.toUpperCase(Locale.ROOT);
    return METHODS.contains(upper) ? upper : "OTHER";
  }
}
