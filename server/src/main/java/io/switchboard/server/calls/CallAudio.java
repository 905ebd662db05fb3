package io.switchboard.server.calls;

import io.switchboard.media.RtpStream;
import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.media.prompt.Clip;
import io.switchboard.media.prompt.PromptPlayer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the caller hears while not talking to an agent: prompts, played one after the other, and between them a
 * background (ringback before the call is answered, music on hold in a queue, or silence). Touched on the call
 * center's context only; the players hop to the stream's media context themselves.
 */
final class CallAudio {
  private record Pending(List<Clip> clips, Promise<Void> played) {
  }

  private final Vertx vertx;
  private final Context owner;
  private final RtpStream target;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();
  private PromptPlayer playing;
  private Pending current;
  private TonePlayer.Pattern background;
  private TonePlayer tone;
  private boolean stopped;

  CallAudio(Vertx vertx, Context owner, RtpStream target) {
    this.vertx = vertx;
    this.owner = owner;
    this.target = target;
  }

  /** Sets what plays when no prompt does; null for silence. */
  void background(TonePlayer.Pattern pattern) {
    if (stopped || pattern == background) {
      return;
    }
    background = pattern;
    stopTone();
    if (playing == null) {
      startTone();
    }
  }

  /** Queues prompts; the future completes when they have played, or were cut short by {@link #cutPrompts()}. */
  Future<Void> play(List<Clip> clips) {
    Promise<Void> played = Promise.promise();
    if (stopped || clips.isEmpty()) {
      played.complete();
      return played.future();
    }
    queue.add(new Pending(List.copyOf(clips), played));
    if (playing == null) {
      next();
    }
    return played.future();
  }

  boolean playingPrompts() {
    return playing != null;
  }

  /** Completes once no prompt is playing or queued. */
  Future<Void> whenIdle() {
    if (playing == null && queue.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    idleWaiters.add(p);
    return p.future();
  }

  /** Barge-in: the caller pressed a key, so what is playing and queued stops (their futures complete). */
  void cutPrompts() {
    List<Pending> dropped = new ArrayList<>(queue);
    queue.clear();
    PromptPlayer p = playing;
    if (p != null) {
      p.stop(); // completes current through done()
    }
    dropped.forEach(d -> d.played().tryComplete());
  }

  /** Stops everything for good (bridged to an agent, or the call ended). */
  void stop() {
    stopped = true;
    cutPrompts();
    stopTone();
    background = null;
  }

  /** Stops the prompts and background for now (the caller is bridged to an agent); {@link #resume()} undoes it. */
  void pause() {
    cutPrompts();
    stopTone();
    background = null;
  }

  private void next() {
    current = queue.poll();
    if (current == null) {
      playing = null;
      List<Promise<Void>> waiters = new ArrayList<>(idleWaiters);
      idleWaiters.clear();
      waiters.forEach(Promise::tryComplete);
      if (!stopped) {
        startTone();
      }
      return;
    }
    stopTone();
    Pending now = current;
    PromptPlayer player = PromptPlayer.play(vertx, target, now.clips());
    playing = player;
    player.done().onComplete(ar -> runHere(() -> {
      now.played().tryComplete();
      if (playing == player) {
        next();
      }
    }));
  }

  private void runHere(Runnable r) {
    // done() may complete on the media context; the call center's context owns this object.
    if (Vertx.currentContext() == owner) {
      r.run();
    } else {
      owner.runOnContext(v -> r.run());
    }
  }

  private void startTone() {
    if (background != null && tone == null) {
      tone = TonePlayer.start(vertx, target, background);
    }
  }

  private void stopTone() {
    if (tone != null) {
      tone.stop();
      tone = null;
    }
  }
}
