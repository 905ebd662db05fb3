package io.switchboard.media.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recordings folder and its one writer thread: every {@value #TICK_MS} ms it drains a quarter of the active
 * recorders' queues to disk (each recorder every 200 ms), so the packet path never touches a file. At start it
 * repairs WAV headers left by a crash.
 */
public final class Recordings implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Recordings.class.getName());

  /** The writer wakes this often and drains one slot's recorders. */
  static final long TICK_MS = 50;
  /**
   * Recorders are spread over this many slots, so each is drained every {@code TICK_MS * SLOTS} = 200 ms: fewer,
   * larger writes (at every 50 ms, with the header rewritten after each, a call cost 40 writes a second), while
   * the work per wake-up stays a quarter of all calls. Draining all of them every 200 ms instead came in bursts
   * that held a core for tens of milliseconds and showed as 50-60 ms of delay p99 at 300 calls on 2 cores
   * (docs/performance.md). A recording's queue holds about 10 s, far more than 200 ms.
   */
  static final int SLOTS = 4;

  private final Path folder;
  private final Set<CallRecorder> active = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService writer;
  private final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
  /** Writer thread only. */
  private long ticks;

  private Recordings(Path folder) {
    this.folder = folder;
    this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "switchboard-recorder");
      t.setDaemon(true);
      return t;
    });
    writer.scheduleWithFixedDelay(this::drainAll, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** Creates the folder if needed and repairs what a crash left. Blocking: call off the event loop. */
  public static Recordings open(Path folder) throws IOException {
    Files.createDirectories(folder);
    int repaired = WavFile.repairAll(folder);
    if (repaired > 0) {
      LOG.warning(() -> "repaired " + repaired + " recording(s) left unfinished by a previous run in " + folder);
    }
    return new Recordings(folder);
  }

  public Path folder() {
    return folder;
  }

  /**
   * Starts a recording named {@code name}.wav under the folder (subfolders by date are the caller's choice, e.g.
   * "2026/11/23/call-id"). The file is created on the writer thread; audio offered before that is queued.
   */
  public CallRecorder start(String name) {
    Path file = folder.resolve(name + ".wav").normalize();
    if (!file.startsWith(folder)) {
      throw new IllegalArgumentException("recording name escapes the recordings folder: " + name);
    }
    int slot = Math.floorMod(started.getAndIncrement(), SLOTS);
    CallRecorder recorder = new CallRecorder(file, System.nanoTime(), slot);
    writer.execute(() -> {
      try {
        Files.createDirectories(file.getParent());
        recorder.open();
        active.add(recorder);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot create recording " + file, e);
        recorder.fail(e);
      }
    });
    return recorder;
  }

  /** Finalises a recording: remaining audio written, header exact, forced to disk. */
  public java.util.concurrent.CompletableFuture<CallRecorder.Recording> stop(CallRecorder recorder) {
    recorder.requestStop();
    writer.execute(() -> finish(recorder));
    return recorder.finished();
  }

  private void finish(CallRecorder recorder) {
    if (!active.remove(recorder)) {
      return;
    }
    try {
      recorder.drain(true);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot finish recording " + recorder.file(), e);
      recorder.fail(e);
    }
  }

  private void drainAll() {
    int slot = (int) (ticks++ % SLOTS);
    for (CallRecorder r : active) {
      if (r.slot() != slot) {
        continue;
      }
      try {
        r.drain(false);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "recording " + r.file() + " failed", e);
        active.remove(r);
        r.fail(e);
      }
    }
  }

  /** Finishes every active recording and stops the writer. */
  @Override
  public void close() {
    for (CallRecorder r : active) {
      stop(r);
    }
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
