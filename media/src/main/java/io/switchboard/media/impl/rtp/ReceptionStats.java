package io.switchboard.media.impl.rtp;

/**
 * One RTP source's receiver statistics, RFC 3550 appendix A.1 (sequence numbers: cycles, expected, lost, with the
 * probation of a big jump) and A.8 (interarrival jitter). Updated on the leg's packet thread with no allocation;
 * the figures are published through volatile fields for the metrics, which read them from another thread.
 */
public final class ReceptionStats {

  /** RFC 3550 A.1: a forward jump this large is accepted as loss, a larger one needs a confirming packet. */
  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;
  private static final int SEQ_MOD = 1 << 16;

  private final int clockRate;
  private boolean started;
  private int maxSeq;
  private long cycles;
  private long baseSeq;
  private int badSeq = -1;
  private long received;
  private long lastTransit;
  private double jitter;
  private boolean timed;
  /** Expected and received of the runs before a sequence restart (a new SSRC, a stream rewritten upstream). */
  private long earlierExpected;
  private long earlierReceived;

  private volatile long expected;
  private volatile long lost;
  private volatile double jitterMillis;

  /** @param clockRate the RTP clock of the payload (8000 for G.711) */
  public ReceptionStats(int clockRate) {
    this.clockRate = clockRate;
  }

  /**
   * One packet of the stream: its sequence number, RTP timestamp, and when it arrived. {@code audio} is false for
   * RFC 4733 events: they share the sequence numbers but their timestamp is the event's start, not a sampling time,
   * so they do not count for jitter.
   */
  public void onPacket(int sequence, long rtpTimestamp, long arrivalNanos, boolean audio) {
    int seq = sequence & 0xffff;
    if (!started) {
      restart(seq);
      started = true;
    } else {
      int delta = (seq - maxSeq) & 0xffff;
      if (delta < MAX_DROPOUT) {
        if (seq < maxSeq) {
          cycles += SEQ_MOD; // wrapped
        }
        maxSeq = seq;
      } else if (delta <= SEQ_MOD - MAX_MISORDER) {
        // A very large jump: two packets in a row agreeing on it mean the source restarted.
        if (seq != badSeq) {
          badSeq = (seq + 1) & 0xffff;
          return;
        }
        earlierExpected += expectedNow();
        earlierReceived += received;
        restart(seq);
      }
      // else: a duplicate or a late packet; counted as received, as A.1 does.
    }
    received++;
    if (audio) {
      // RFC 3550 A.8: the difference of relative transit times, in timestamp units, smoothed by 1/16. The int cast
      // keeps the difference right across the 32-bit timestamp's wrap.
      long arrival = arrivalNanos / 1000 * clockRate / 1_000_000;
      long transit = arrival - rtpTimestamp;
      if (timed) {
        long d = Math.abs((long) (int) (transit - lastTransit));
        jitter += (d - jitter) / 16.0;
      }
      lastTransit = transit;
      timed = true;
    }
    long e = earlierExpected + expectedNow();
    expected = e;
    lost = Math.max(0, e - earlierReceived - received);
    jitterMillis = jitter * 1000.0 / clockRate;
  }

  private void restart(int seq) {
    baseSeq = seq;
    maxSeq = seq;
    cycles = 0;
    badSeq = -1;
    received = 0;
  }

  private long expectedNow() {
    return cycles + maxSeq - baseSeq + 1;
  }

  /** Packets expected so far. */
  public long expected() {
    return expected;
  }

  /** Packets lost so far (never negative). */
  public long lost() {
    return lost;
  }

  /** The current interarrival jitter, in milliseconds. */
  public double jitterMillis() {
    return jitterMillis;
  }
}
