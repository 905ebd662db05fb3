package io.switchboard.server.outbound;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The toll-fraud wall (docs/security.md): decides whether a party may place a call to a number, and counts the calls
 * each trunk has up and has started today. Every refusal is logged at WARNING with who asked, for what and why.
 * Thread-safe (synchronized): the checks are cheap and calls are placed a few per second at most.
 */
public final class OutboundWall {

  private static final Logger LOG = Logger.getLogger(OutboundWall.class.getName());

  private final Map<String, TrunkPolicy> policies = new LinkedHashMap<>();
  private final Clock clock;
  private final Map<String, Integer> up = new HashMap<>();
  private final Map<String, Integer> today = new HashMap<>();
  private LocalDate day;
  /** Told of each admitted call's new count for its trunk and day, so the count can outlive a restart. */
  private DailyCountListener counted = (trunk, onDay, started) -> { };

  /** Where the daily counts go after each admitted call ({@link OutboundTallies} stores them in MongoDB). */
  @FunctionalInterface
  public interface DailyCountListener {
    void started(String trunk, LocalDate day, int startedThatDay);
  }

  public OutboundWall(List<TrunkPolicy> trunks, Clock clock) {
    trunks.forEach(p -> policies.put(p.trunk(), p));
    this.clock = clock;
  }

  /** The trunks' rules changed (the admin edited a trunk): calls already counted stay counted. */
  public synchronized void replace(List<TrunkPolicy> trunks) {
    policies.clear();
    trunks.forEach(p -> policies.put(p.trunk(), p));
  }

  /** A call the wall let through: on which trunk, to which E.164 number, with which caller id. */
  public record Admitted(TrunkPolicy policy, String e164) {
  }

  /** The wall said no: a reason code for the desktop and the log. */
  public static final class Refused extends Exception {
    private final String reason;

    Refused(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /**
   * Admits a call or refuses it (logged). An admitted call counts against the trunk's caps until
   * {@link #released} is called for it.
   *
   * @param trunk the trunk asked for, or null for the first trunk that places calls
   */
  public synchronized Admitted admit(DialingParty party, String trunk, String number) throws Refused {
    TrunkPolicy policy = trunk == null ? policies.values().stream().findFirst().orElse(null) : policies.get(trunk);
    if (policy == null) {
      throw refuse(party, trunk, number, "no_outbound_trunk", "no trunk places outbound calls");
    }
    if (!policy.permits(party)) {
      throw refuse(party, policy.trunk(), number, "not_permitted", "you are not allowed to place outbound calls");
    }
    DialPlan.Verdict verdict = policy.dialPlan().check(number == null ? "" : number);
    if (!verdict.allowed()) {
      throw refuse(party, policy.trunk(), number, verdict.reason(),
          "the dial plan of trunk " + policy.trunk() + " refuses this number (" + verdict.reason() + ")");
    }
    rollDay();
    int current = up.getOrDefault(policy.trunk(), 0);
    if (current >= policy.maxConcurrent()) {
      throw refuse(party, policy.trunk(), number, "concurrent_cap",
          "trunk " + policy.trunk() + " already has " + current + " outbound call(s) up");
    }
    int started = today.getOrDefault(policy.trunk(), 0);
    if (started >= policy.maxPerDay()) {
      throw refuse(party, policy.trunk(), number, "daily_cap",
          "trunk " + policy.trunk() + " has placed its " + policy.maxPerDay() + " outbound calls for today");
    }
    up.put(policy.trunk(), current + 1);
    today.put(policy.trunk(), started + 1);
    counted.started(policy.trunk(), day, started + 1);
    LOG.info(() -> "outbound admitted: " + party + " to " + verdict.e164() + " on trunk " + policy.trunk());
    return new Admitted(policy, verdict.e164());
  }

  /** An admitted call is over (or never went out): it no longer counts against the concurrent cap. */
  public synchronized void released(Admitted call) {
    up.computeIfPresent(call.policy().trunk(), (t, n) -> n > 1 ? n - 1 : null);
  }

  /** Sends each new daily count to {@code listener} (called under the wall's lock: it must not block). */
  public synchronized void onCounted(DailyCountListener listener) {
    this.counted = listener;
  }

  /**
   * Restores a trunk's count of calls started on {@code onDay} (read back after a restart); a count of another day
   * than today is ignored, and a count lower than the one held is never taken (calls placed meanwhile still count).
   */
  public synchronized void restore(String trunk, LocalDate onDay, int started) {
    rollDay();
    if (onDay.equals(day) && started > today.getOrDefault(trunk, 0)) {
      today.put(trunk, started);
    }
  }

  /** The trunks with outbound rules, by name. */
  public java.util.Set<String> trunks() {
    return java.util.Set.copyOf(policies.keySet());
  }

  /** Whether any trunk places calls. */
  public boolean enabled() {
    return !policies.isEmpty();
  }

  public synchronized int upOn(String trunk) {
    return up.getOrDefault(trunk, 0);
  }

  public synchronized int startedToday(String trunk) {
    rollDay();
    return today.getOrDefault(trunk, 0);
  }

  /** A refusal of something that never reached the wall's checks, logged the same way (e.g. a REFER). */
  public static Refused refuse(DialingParty party, String trunk, String number, String reason, String message) {
    LOG.warning(() -> "outbound refused: " + party + " asked for " + (number == null ? "nothing" : number)
        + (trunk == null ? "" : " on trunk " + trunk) + ": " + reason);
    return new Refused(reason, message);
  }

  private void rollDay() {
    LocalDate now = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (!now.equals(day)) {
      day = now;
      today.clear();
    }
  }
}
