package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Call control as the socket sees it: records every call, answers as told (by default: yes). */
final class FakeCallControl implements AgentCommands {

  static final Welcome WELCOME = new Welcome("not_ready", "logged_in",
      List.of("break", "lunch", "training", "after_call_work"));
  static final MediaAnswer ANSWER = new MediaAnswer("v=0 answer", "k2Jd8aPq0Z");

  /** One call from the socket. {@code args} are the arguments after the connection. */
  record Invocation(String command, AgentConnection connection, List<Object> args) {
  }

  private final BlockingQueue<Invocation> invocations = new LinkedBlockingQueue<>();

  /** What {@code connected} answers. */
  volatile Function<AgentConnection, Future<Welcome>> onConnected = c -> Future.succeededFuture(WELCOME);
  /** What every other command answers ({@code mediaOffer} expects a {@link MediaAnswer}). */
  volatile Function<Invocation, Future<?>> onCommand =
      inv -> Future.succeededFuture(inv.command().equals("mediaOffer") ? ANSWER : null);

  Invocation next() {
    try {
      Invocation next = invocations.poll(5, TimeUnit.SECONDS);
      if (next == null) {
        fail("no call to AgentCommands within 5 s");
      }
      return next;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next call, which must be to {@code command}. */
  Invocation next(String command) {
    Invocation next = next();
    if (!next.command().equals(command)) {
      fail("expected " + command + " but got " + next);
    }
    return next;
  }

  boolean nothingMore() {
    return invocations.isEmpty();
  }

  @Override
  public Future<Welcome> connected(AgentConnection connection) {
    invocations.add(new Invocation("connected", connection, List.of()));
    return onConnected.apply(connection);
  }

  @Override
  public void disconnected(AgentConnection connection) {
    invocations.add(new Invocation("disconnected", connection, List.of()));
  }

  @Override
  public Future<MediaAnswer> mediaOffer(AgentConnection c, String sdp) {
    return call("mediaOffer", c, sdp);
  }

  @Override
  public Future<Void> setState(AgentConnection c, String state, String reason) {
    return call("setState", c, state, reason);
  }

  @Override
  public Future<Void> answer(AgentConnection c, String callId) {
    return call("answer", c, callId);
  }

  @Override
  public Future<Void> reject(AgentConnection c, String callId) {
    return call("reject", c, callId);
  }

  @Override
  public Future<Void> hangup(AgentConnection c, String callId) {
    return call("hangup", c, callId);
  }

  @Override
  public Future<Void> hold(AgentConnection c, String callId, boolean on) {
    return call("hold", c, callId, on);
  }

  @Override
  public Future<Void> mute(AgentConnection c, String callId, boolean on) {
    return call("mute", c, callId, on);
  }

  @Override
  public Future<Void> dtmf(AgentConnection c, String callId, String digits) {
    return call("dtmf", c, callId, digits);
  }

  @SuppressWarnings("unchecked")
  private <T> Future<T> call(String command, AgentConnection c, Object... args) {
    Invocation invocation = new Invocation(command, c, Arrays.asList(args));
    invocations.add(invocation);
    return (Future<T>) onCommand.apply(invocation);
  }
}
