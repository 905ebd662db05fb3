package io.switchboard.routing.flow;

import io.switchboard.routing.cascade.AgentAvailability;
import io.switchboard.routing.cascade.PersonalManagerCascade;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The per-call state the steps read and write. Owned by one {@link FlowRun}. */
public final class CallContext {

  private final CallInfo call;
  private final InstantSource clock;
  private final CustomerLookup customers;
  private final AgentAvailability availability;
  private final List<String> explanation = new ArrayList<>();
  private String lang;
  private int priorityBoost;
  private Customer customer;
  // per-step scratch, reset when a step is entered
  private int attempts;
  private PersonalManagerCascade cascade;
  private List<String> ringing = List.of();
  // after hand-off
  private String queueId;
  private int queuePriority;
  private Instant queuedSince;
  private String agentId;

  CallContext(CallInfo call, String lang, InstantSource clock, CustomerLookup customers,
      AgentAvailability availability) {
    this.call = call;
    this.lang = lang;
    this.clock = clock;
    this.customers = Objects.requireNonNull(customers, "customers");
    this.availability = Objects.requireNonNull(availability, "availability");
  }

  public CallInfo call() {
    return call;
  }

  public Instant now() {
    return clock.instant();
  }

  public String lang() {
    return lang;
  }

  public void lang(String lang) {
    this.lang = lang;
  }

  public int priorityBoost() {
    return priorityBoost;
  }

  public void boostPriority(int by) {
    priorityBoost += by;
  }

  public CustomerLookup customers() {
    return customers;
  }

  public AgentAvailability availability() {
    return availability;
  }

  public Optional<Customer> customer() {
    return Optional.ofNullable(customer);
  }

  public void customer(Customer c) {
    this.customer = c;
  }

  public int attempts() {
    return attempts;
  }

  public int nextAttempt() {
    return ++attempts;
  }

  public PersonalManagerCascade cascade() {
    return cascade;
  }

  public void cascade(PersonalManagerCascade c) {
    this.cascade = c;
  }

  public List<String> ringing() {
    return ringing;
  }

  public void ringing(List<String> agents) {
    this.ringing = List.copyOf(agents);
  }

  public void queued(String queueId, int priority) {
    this.queueId = queueId;
    this.queuePriority = priority;
    this.queuedSince = now();
  }

  public String queueId() {
    return queueId;
  }

  public int queuePriority() {
    return queuePriority;
  }

  public Instant queuedSince() {
    return queuedSince;
  }

  public String agentId() {
    return agentId;
  }

  void agentId(String agentId) {
    this.agentId = agentId;
  }

  /** Appends one line to the call's routing explanation (stored with the call's history). */
  public void explain(String line) {
    explanation.add(line);
  }

  public List<String> explanation() {
    return Collections.unmodifiableList(explanation);
  }

  void resetStepScratch() {
    attempts = 0;
    cascade = null;
    ringing = List.of();
  }
}
