package io.switchboard.routing.acd;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** A call known to the engine: waiting in a queue (maybe ringing agents), or connected to an agent. */
public final class RoutedCall {

  private final CallRequest request;
  private final long sequence;
  private final Instant arrivedAt;
  private String queueId;
  private Instant queuedAt;
  private final Set<String> ringing = new LinkedHashSet<>();
  private final Set<String> missedBy = new LinkedHashSet<>();
  private Instant offerDeadline;
  private Instant nextAnnouncement;
  private boolean announced;
  private String agentId;
  private Instant connectedAt;
  /** Rung directly (personal-manager cascade) rather than waiting in its queue; see {@link #direct()}. */
  private final boolean direct;
  private Instant directUntil;

  RoutedCall(CallRequest request, long sequence, Instant now) {
    this(request, sequence, now, false);
  }

  private RoutedCall(CallRequest request, long sequence, Instant now, boolean direct) {
    this.request = request;
    this.sequence = sequence;
    this.arrivedAt = now;
    this.queueId = request.queueId();
    this.queuedAt = now;
    this.direct = direct;
  }

  /** A call rung directly at named agents, attributed to {@code queueId} for wrap-up and statistics. */
  static RoutedCall direct(String callId, String queueId, long sequence, Instant now) {
    return new RoutedCall(CallRequest.of(callId, queueId), sequence, now, true);
  }

  public String id() {
    return request.callId();
  }

  public CallRequest request() {
    return request;
  }

  /** Arrival order; breaks ties between calls queued in the same instant. */
  public long sequence() {
    return sequence;
  }

  public Instant arrivedAt() {
    return arrivedAt;
  }

  public String queueId() {
    return queueId;
  }

  /** When the call entered its current queue (FIFO order, max wait and skill widening count from here). */
  public Instant queuedAt() {
    return queuedAt;
  }

  /** Agents ringing for this call right now (several only with ring-all). */
  public Set<String> ringing() {
    return java.util.Collections.unmodifiableSet(ringing);
  }

  public Instant offerDeadline() {
    return offerDeadline;
  }

  public Instant nextAnnouncement() {
    return nextAnnouncement;
  }

  /** The agent this call is connected to, or null while waiting. */
  public String agentId() {
    return agentId;
  }

  public boolean connected() {
    return agentId != null;
  }

  /**
   * Whether the call is rung directly at named agents ({@link RoutingEngine#ringDirect}): it is in no waiting list
   * and the distributor never offers it; its queue only gives wrap-up time and statistics.
   */
  public boolean direct() {
    return direct;
  }

  /** The engine's safety deadline of an unconnected direct call: its offers are cancelled then, else null. */
  public Instant directUntil() {
    return directUntil;
  }

  void directUntil(Instant at) {
    this.directUntil = at;
  }

  public Duration waitedIn(Instant now) {
    return Duration.between(queuedAt, now);
  }

  Set<String> ringingMutable() {
    return ringing;
  }

  Set<String> missedBy() {
    return missedBy;
  }

  void offerDeadline(Instant at) {
    this.offerDeadline = at;
  }

  void nextAnnouncement(Instant at) {
    this.nextAnnouncement = at;
  }

  void moveTo(String queue, Instant now) {
    this.queueId = queue;
    this.queuedAt = now;
    this.missedBy.clear();
    this.announced = false;
    this.nextAnnouncement = null;
  }

  /** Whether the caller heard the announcement on entering the current queue. */
  boolean announced() {
    return announced;
  }

  void announced(boolean value) {
    this.announced = value;
  }

  void connect(String agent, Instant now) {
    this.agentId = agent;
    this.connectedAt = now;
    this.ringing.clear();
    this.offerDeadline = null;
    this.nextAnnouncement = null;
    this.directUntil = null;
  }

  Instant connectedAt() {
    return connectedAt;
  }

  public String describe() {
    return id() + " " + (connected() ? "connected to " + agentId
        : direct ? "rung directly for " + queueId + " until " + directUntil : "waiting in " + queueId)
        + (ringing.isEmpty() ? "" : " ringing " + ringing) + " priority " + request.priority();
  }

  @Override
  public String toString() {
    return describe();
  }
}
