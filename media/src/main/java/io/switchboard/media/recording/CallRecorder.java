package io.switchboard.media.recording;

import io.switchboard.media.codec.G711;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One call's stereo recording: caller on the left, agent on the right, 8 kHz 16-bit PCM WAV. The packet path only
 * copies a payload into a bounded queue ({@link #caller}, {@link #agent}); decoding, aligning and writing happen on
 * the {@link Recordings} writer thread. Frames are placed by arrival time, so a silent side (hold, no packets) stays
 * aligned with the other. The header is rewritten at most once a second (and exactly at the end), so the file is
 * playable up to about a second before a crash; {@link WavFile#repairAll} makes it exact at the next start.
 */
public final class CallRecorder {
  /** About 10 s of both sides at 50 packets a second: enough to ride out a slow disk. */
  private static final int QUEUE_CAPACITY = 1000;
  /** A side is written up to this far behind "now", so late packets still land in order. */
  private static final int LATENESS_SAMPLES = 8000 / 2;
  /**
   * The window of decoded samples not yet on disk. It must hold the lateness plus a drain period (200 ms); 1 s
   * (32 kB a call) rather than 4 s (128 kB, half of a call's heap at 100–300 calls: docs/performance.md, fourth
   * round). A side further ahead than this forces the older part out early (as a longer gap always did).
   */
  private static final int PENDING_SAMPLES = 8000;
  /** The header (data length) is rewritten this often: one more write per recording, not one per drain. */
  private static final long HEADER_PERIOD_NANOS = 1_000_000_000L;

  private final Path file;
  private final long startNanos;
  private final int slot;
  private final ArrayBlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final CompletableFuture<Recording> finished = new CompletableFuture<>();
  private final short[] pending = new short[PENDING_SAMPLES * 2];
  private final long[] cursor = new long[2];
  private FileChannel channel;
  private long flushedSamples;
  /** What the header on disk says, and when it was written. */
  private long headerSamples;
  private long headerNanos;
  private volatile boolean stopping;

  private record Frame(int channel, long arrivalNanos, byte[] payload, boolean ulaw) {
  }

  /** What a finished recording holds. */
  public record Recording(Path file, long durationMillis, long bytes, long droppedFrames) {
  }

  CallRecorder(Path file, long startNanos, int slot) {
    this.file = file;
    this.startNanos = startNanos;
    this.slot = slot;
  }

  /** Which of the writer's ticks drains this recorder ({@link Recordings#SLOTS}). */
  int slot() {
    return slot;
  }

  public Path file() {
    return file;
  }

  /** Caller audio (left). Packet path: copies, never blocks; drops and counts if the writer is behind. */
  public void caller(byte[] payload, int offset, int length, boolean ulaw) {
    offer(0, payload, offset, length, ulaw);
  }

  /** Agent audio (right). */
  public void agent(byte[] payload, int offset, int length, boolean ulaw) {
    offer(1, payload, offset, length, ulaw);
  }

  private void offer(int side, byte[] payload, int offset, int length, boolean ulaw) {
    if (stopping) {
      return;
    }
    byte[] copy = new byte[length];
    System.arraycopy(payload, offset, copy, 0, length);
    if (!queue.offer(new Frame(side, System.nanoTime(), copy, ulaw))) {
      dropped.incrementAndGet();
    }
  }

  /** Completes when the file is final (header exact, data forced to disk). */
  public CompletableFuture<Recording> finished() {
    return finished;
  }

  void requestStop() {
    stopping = true;
  }

  boolean stopRequested() {
    return stopping;
  }

  // ---- writer thread only ----

  void open() throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.READ);
    channel.write(WavFile.header(2, 8000, 0), 0);
  }

  /** Moves queued frames into the pending window and writes what is old enough (or everything when final). */
  void drain(boolean fin) throws IOException {
    Frame f;
    while ((f = queue.poll()) != null) {
      place(f);
    }
    long now = samplesAt(System.nanoTime());
    long limit = fin ? Math.max(cursor[0], cursor[1]) : Math.max(Math.min(cursor[0], cursor[1]),
        now - LATENESS_SAMPLES);
    limit = Math.min(limit, Math.max(cursor[0], cursor[1]));
    if (limit > flushedSamples) {
      write(limit);
    }
    long nanos = System.nanoTime();
    if (headerSamples != flushedSamples && (fin || nanos - headerNanos >= HEADER_PERIOD_NANOS)) {
      channel.write(WavFile.header(2, 8000, flushedSamples * 4), 0);
      headerSamples = flushedSamples;
      headerNanos = nanos;
    }
    if (fin) {
      channel.force(true);
      long bytes = channel.size();
      channel.close();
      finished.complete(new Recording(file, (bytes - WavFile.HEADER_LENGTH) / 4 / 8, bytes, dropped.get()));
    }
  }

  private void place(Frame f) throws IOException {
    int n = f.payload.length;
    // The frame ends at its arrival; it started n samples earlier.
    long expected = samplesAt(f.arrivalNanos) - n;
    long at = cursor[f.channel];
    if (at < expected - 3L * n) {
      at = expected; // a gap (silence, hold): jump to where the frame belongs in time
    }
    if (at < flushedSamples) {
      at = flushedSamples; // too late for the written part: keep it, slightly shifted
    }
    if (at + n - flushedSamples > PENDING_SAMPLES) {
      write(at + n - PENDING_SAMPLES);
    }
    for (int i = 0; i < n; i++) {
      byte b = f.payload[i];
      int index = (int) (at + i - flushedSamples) * 2 + f.channel;
      pending[index] = f.ulaw ? G711.ulawToLinear(b) : G711.alawToLinear(b);
    }
    cursor[f.channel] = at + n;
  }

  /**
   * Writes samples [flushedSamples, upTo) and shifts the window. Beyond the window (a side jumped ahead after a
   * long gap, or the writer fell seconds behind) the rest is silence, written window by window.
   */
  private void write(long upTo) throws IOException {
    while (flushedSamples < upTo) {
      int count = (int) Math.min(upTo - flushedSamples, PENDING_SAMPLES);
      ByteBuffer out = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count * 2; i++) {
        out.putShort(pending[i]);
      }
      out.flip();
      long position = WavFile.HEADER_LENGTH + flushedSamples * 4;
      while (out.hasRemaining()) {
        position += channel.write(out, position);
      }
      System.arraycopy(pending, count * 2, pending, 0, pending.length - count * 2);
      java.util.Arrays.fill(pending, pending.length - count * 2, pending.length, (short) 0);
      flushedSamples += count;
    }
  }

  private long samplesAt(long nanos) {
    return Math.max(0, (nanos - startNanos) * 8000 / 1_000_000_000L);
  }

  void fail(Throwable error) {
    finished.completeExceptionally(error);
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // Already failing.
    }
  }
}
