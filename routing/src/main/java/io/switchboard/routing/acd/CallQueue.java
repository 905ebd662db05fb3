package io.switchboard.routing.acd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The live state of one queue: its members in order, its waiting calls in arrival order, its memory and AHT. */
public final class CallQueue {

  private final QueueConfig config;
  private final List<String> members = new ArrayList<>();
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

  void lastOffered(String agentId) {
    this.lastOfferedMemberIndex = members.indexOf(agentId);
  }

  void addMember(String agentId) {
    members.add(agentId);
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
