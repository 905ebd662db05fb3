package io.switchboard.bench;

/**
 * What one RTP stream (one SSRC) looked like on arrival: packets, loss from sequence numbers and interarrival
 * jitter from timestamps, as a receiver computes them for RTCP reports (RFC 3550 §6.4.1, appendix A.1 and A.8).
 * Fed from one thread; read after the run.
 */
final class RtpStreamStats {
  private static final int SEQ_MOD = 1 << 16;
  /** RFC 3550 A.1: a jump this large is a restart, not loss. */
  private static final int MAX_DROPOUT = 3000;

  private final long ssrc;
  private final int clockRate;
  private long received;
  private int baseSeq;
  private int maxSeq;
  private long cycles;
  private long reordered;
  private boolean started;
  private long lastArrival;
  private long lastTimestamp;
  private double jitter;

  RtpStreamStats(long ssrc, int clockRate) {
    this.ssrc = ssrc;
    this.clockRate = clockRate;
  }

  /** One packet: its sequence number, RTP timestamp and arrival time (nanoseconds since the tap started). */
  void onPacket(int seq, long rtpTimestamp, long arrivalNanos) {
    received++;
    long arrival = arrivalNanos * clockRate / 1_000_000_000L;
    if (!started) {
      started = true;
      baseSeq = seq;
      maxSeq = seq;
      lastArrival = arrival;
      lastTimestamp = rtpTimestamp;
      return;
    }
    int delta = (seq - maxSeq + SEQ_MOD) % SEQ_MOD;
    if (delta > 0 && delta < MAX_DROPOUT) {
      if (seq < maxSeq) {
        cycles += SEQ_MOD;
      }
      maxSeq = seq;
    } else if (delta != 0) {
      reordered++;
    }
    // RFC 3550 A.8: J += (|D| - J) / 16, D the change in transit time, in timestamp units. The timestamp is
    // 32 bits and wraps: its difference is taken as a signed int.
    long d = Math.abs((arrival - lastArrival) - (int) (rtpTimestamp - lastTimestamp));
    lastArrival = arrival;
    lastTimestamp = rtpTimestamp;
    jitter += (d - jitter) / 16.0;
  }

  long ssrc() {
    return ssrc;
  }

  long received() {
    return received;
  }

  /** RFC 3550 A.3: the extended highest sequence number minus the first, plus one. */
  long expected() {
    return started ? cycles + maxSeq - baseSeq + 1 : 0;
  }

  long lost() {
    return Math.max(0, expected() - received);
  }

  long reordered() {
    return reordered;
  }

  double jitterMillis() {
    return jitter * 1000.0 / clockRate;
  }
}
