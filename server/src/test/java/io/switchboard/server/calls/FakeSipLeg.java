package io.switchboard.server.calls;

import io.switchboard.gateway.SipLeg;
import io.switchboard.media.RtpLeg;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The SIP side of an inbound call, without SIP: records what call control asks of it; the test hangs it up. */
final class FakeSipLeg implements SipLeg {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final Vertx vertx;
  private final RtpLeg media;
  private final String from;
  private final String to;
  private final String id = "fake-" + IDS.incrementAndGet();
  private final List<Consumer<EndReason>> ended = new CopyOnWriteArrayList<>();
  volatile boolean answered;
  volatile boolean hungUp;

  FakeSipLeg(Vertx vertx, RtpLeg media, String from, String to) {
    this.vertx = vertx;
    this.media = media;
    this.from = from;
    this.to = to;
  }

  /** The caller hangs up (a BYE would say so). */
  void hangUp() {
    vertx.runOnContext(v -> new ArrayList<>(ended).forEach(l -> l.accept(EndReason.CALLER_HUNG_UP)));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String callId() {
    return id + "-call";
  }

  @Override
  public String trunk() {
    return "test";
  }

  @Override
  public String from() {
    return from;
  }

  @Override
  public String to() {
    return to;
  }

  @Override
  public RtpLeg media() {
    return media;
  }

  @Override
  public void ringing() {
  }

  @Override
  public void earlyMedia() {
  }

  @Override
  public Future<Void> answer() {
    answered = true;
    return Future.succeededFuture();
  }

  @Override
  public void reject(int status, String reason) {
    hungUp = true;
  }

  @Override
  public void hangup() {
    hungUp = true;
  }

  @Override
  public void onEnded(Consumer<EndReason> listener) {
    ended.add(listener);
  }

  @Override
  public void onHold(Consumer<Boolean> listener) {
  }

  @Override
  public void onDtmf(Consumer<Character> listener) {
  }
}
