package io.switchboard.routing.acd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The live state of one queue: its members in order, its waiting calls in arrival order, its memory and AHT. */
public final class CallQueue {

  private QueueConfig config;
  private final List<String> members = new ArrayList<>();
  /** The same members as live objects, so dispatch reads their state without a lookup per member. */
  private final List<Agent> memberAgents = new ArrayList<>();
  /** Each member's membership weight, in member order (weighted-random reads it per candidate). */
  private final List<Integer> memberWeights = new ArrayList<>();
  private final List<RoutedCall> waiting = new ArrayList<>();
  private final AverageHandleTime averageHandleTime;
  private int lastOfferedMemberIndex = -1;

  CallQueue(QueueConfig config) {
    this.config = config;
    this.averageHandleTime = new AverageHandleTime(config.defaultHandleTime());
  }

  public String id() {
    return config.id();
  }

  public QueueConfig config() {
    return config;
  }

  public List<String> members() {
    return Collections.unmodifiableList(members);
  }

  /** Waiting calls (including those ringing an agent) in the order they entered the queue. */
  public List<RoutedCall> waiting() {
    return Collections.unmodifiableList(waiting);
  }

  public java.time.Duration averageHandleTime() {
    return averageHandleTime.value();
  }

  int lastOfferedMemberIndex() {
    return lastOfferedMemberIndex;
  }

  void lastOffered(int memberIndex) {
    this.lastOfferedMemberIndex = memberIndex;
  }

  List<Agent> memberAgents() {
    return memberAgents;
  }

  int memberWeight(int index) {
    return memberWeights.get(index);
  }

  void addMember(Agent agent, int weight) {
    members.add(agent.id());
    memberAgents.add(agent);
    memberWeights.add(weight);
  }

  void memberWeight(String agentId, int weight) {
    int index = members.indexOf(agentId);
    if (index >= 0) {
      memberWeights.set(index, weight);
    }
  }

  /** Takes the agent out of the member list; round-robin goes on with the member that followed it. */
  void removeMember(String agentId) {
    int index = members.indexOf(agentId);
    if (index < 0) {
      return;
    }
    members.remove(index);
    memberAgents.remove(index);
    memberWeights.remove(index);
    if (lastOfferedMemberIndex >= index) {
      lastOfferedMemberIndex--;
    }
  }

  void config(QueueConfig next) {
    this.config = next;
  }

  void add(RoutedCall call) {
    waiting.add(call);
  }

  void remove(RoutedCall call) {
    waiting.remove(call);
  }

  void recordHandleTime(java.time.Duration handle) {
    averageHandleTime.record(handle);
  }
}
