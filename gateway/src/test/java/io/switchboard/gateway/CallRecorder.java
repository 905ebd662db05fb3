package io.switchboard.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The test's call handler: records every leg the gateway hands over and everything each leg reports, then runs
 * the test's behaviour (ring, answer, hang up...) on the gateway's context.
 */
final class CallRecorder implements InboundCallHandler {

  final List<SipLeg> legs = new CopyOnWriteArrayList<>();
  final CompletableFuture<SipLeg> firstLeg = new CompletableFuture<>();
  final Map<String, CompletableFuture<SipLeg.EndReason>> ended = new ConcurrentHashMap<>();
  final List<Boolean> holds = new CopyOnWriteArrayList<>();
  final List<Character> digits = new CopyOnWriteArrayList<>();
  /** Fires when three digits arrived. */
  final CompletableFuture<Void> threeDigits = new CompletableFuture<>();
  private final Consumer<SipLeg> behaviour;

  CallRecorder(Consumer<SipLeg> behaviour) {
    this.behaviour = behaviour;
  }

  @Override
  public void onIncomingCall(SipLeg leg) {
    legs.add(leg);
    CompletableFuture<SipLeg.EndReason> end = new CompletableFuture<>();
    ended.put(leg.id(), end);
    leg.onEnded(end::complete);
    leg.onHold(holds::add);
    leg.onDtmf(d -> {
      digits.add(d);
      if (digits.size() == 3) {
        threeDigits.complete(null);
      }
    });
    firstLeg.complete(leg);
    behaviour.accept(leg);
  }

  CompletableFuture<SipLeg.EndReason> endOf(SipLeg leg) {
    return ended.get(leg.id());
  }
}
