package io.switchboard.media.testpeer;

import io.switchboard.media.impl.rtp.RtpHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one receiver got, per RTP source: packets, loss from sequence numbers (RFC 3550 A.3), interarrival jitter
 * (RFC 3550 A.8) and, for packets carrying a {@link SendTimeMarker}, the one-way delay from sender to here and the
 * loss in the sender's own packet count (end to end: a relay renumbers its stream, so packets it never received do
 * not show in the RTP sequence numbers). A jump of more than {@link #NEW_SENDER_JUMP} in the sender's count is a new
 * sender (the next call). Updated by the receiving thread, read by anyone; {@link #reset()} starts anew.
 */
public final class RtpReception {
  private static final int CLOCK_RATE = 8000;
  static final int NEW_SENDER_JUMP = 3000;

  private final List<Source> sources = new ArrayList<>();
  private Source current;
  private int[] delaysMicros = new int[256];
  private int delayCount;
  private long markedReceived;
  private long markedExpectedClosed;
  private long firstCount = -1;
  private long highestCount;

  /** Counts one decrypted RTP packet (header at {@code offset}) that arrived at {@code arrivalMicros}. */
  public synchronized void onPacket(byte[] packet, int offset, int length, long arrivalMicros) {
    int headerLength = RtpHeader.headerLength(packet, offset, length);
    int payloadLength = RtpHeader.payloadLength(packet, offset, length);
    if (headerLength < 0 || payloadLength < 0) {
      return;
    }
    long ssrc = RtpHeader.ssrc(packet, offset) & 0xffffffffL;
    if (current == null || current.ssrc != ssrc) {
      current = null;
      for (Source s : sources) {
        if (s.ssrc == ssrc) {
          current = s;
        }
      }
      if (current == null) {
        current = new Source(ssrc);
        sources.add(current);
      }
    }
    current.onPacket(RtpHeader.sequence(packet, offset), RtpHeader.timestamp(packet, offset), arrivalMicros);
    long sent = SendTimeMarker.read(packet, offset + headerLength, payloadLength);
    int count = SendTimeMarker.count(packet, offset + headerLength, payloadLength);
    if (count >= 0) {
      onSenderCount(count);
    }
    long arrival = SendTimeMarker.markerMicros(arrivalMicros);
    if (sent >= 0 && arrival >= sent) {
      if (delayCount == delaysMicros.length) {
        delaysMicros = Arrays.copyOf(delaysMicros, delayCount * 2);
      }
      delaysMicros[delayCount++] = (int) Math.min(Integer.MAX_VALUE, arrival - sent);
    }
  }

  /** Extends the sender's 16-bit count as RFC 3550 A.1 extends sequence numbers. */
  private void onSenderCount(int count) {
    markedReceived++;
    if (firstCount < 0) {
      firstCount = count;
      highestCount = count;
      return;
    }
    int delta = (int) ((count - highestCount) & 0xffff);
    if (delta > NEW_SENDER_JUMP && delta < 0x10000 - NEW_SENDER_JUMP) {
      markedExpectedClosed += highestCount - firstCount + 1;
      firstCount = count;
      highestCount = count;
    } else if (delta < 0x8000) {
      highestCount += delta;
    }
  }

  /** Forgets the delays measured so far (loss and jitter go on): to measure delay over a window of its own. */
  public synchronized void resetDelays() {
    delaysMicros = new int[256];
    delayCount = 0;
  }

  /** Forgets everything counted so far. */
  public synchronized void reset() {
    sources.clear();
    current = null;
    delaysMicros = new int[256];
    delayCount = 0;
    markedReceived = 0;
    markedExpectedClosed = 0;
    firstCount = -1;
    highestCount = 0;
  }

  /** What was counted since the last reset. */
  public synchronized Summary summary() {
    long received = 0;
    long expected = 0;
    double jitter = 0;
    for (Source s : sources) {
      received += s.received;
      expected += s.expected();
      jitter = Math.max(jitter, s.jitterMicros / 1000.0);
    }
    long markedExpected = markedExpectedClosed + (firstCount < 0 ? 0 : highestCount - firstCount + 1);
    return new Summary(sources.size(), received, expected, jitter, markedReceived, markedExpected,
        Arrays.copyOf(delaysMicros, delayCount));
  }

  /**
   * @param expected       packets expected from the RTP sequence numbers of the sources (as the last relay numbered
   *                       them)
   * @param jitterMillis   the largest jitter of the sources, at the last packet
   * @param markedReceived packets with a {@link SendTimeMarker}; {@code markedExpected} the senders' counts say
   *                       should have arrived from the first to the last seen of each sender
   * @param delaysMicros   one-way delay of each marked packet, unsorted
   */
  public record Summary(int sources, long received, long expected, double jitterMillis, long markedReceived,
      long markedExpected, int[] delaysMicros) {
    /** Loss as the last relay's sequence numbers show it. */
    public long lost() {
      return Math.max(0, expected - received);
    }

    /** Loss end to end, in the senders' counts (marked packets only). */
    public long markedLost() {
      return Math.max(0, markedExpected - markedReceived);
    }
  }

  /** One SSRC: RFC 3550 A.3 extended sequence numbers, A.8 jitter (kept in microseconds). */
  private static final class Source {
    final long ssrc;
    long received;
    long firstExtended = -1;
    long highestExtended;
    int cycles;
    int maxSequence;
    long lastArrivalMicros;
    long lastTimestamp;
    double jitterMicros;

    Source(long ssrc) {
      this.ssrc = ssrc;
    }

    void onPacket(int sequence, long timestamp, long arrivalMicros) {
      if (firstExtended < 0) {
        firstExtended = sequence;
        highestExtended = sequence;
        maxSequence = sequence;
      } else {
        int delta = (sequence - maxSequence) & 0xffff;
        if (delta < 0x8000) {
          if (sequence < maxSequence) {
            cycles += 0x10000;
          }
          maxSequence = sequence;
          highestExtended = cycles + (long) sequence;
        }
      }
      received++;
      // RFC 3550 A.8: D = difference of transit times, here in microseconds; the timestamp difference is taken
      // modulo 2^32 so a wrap is not a jump.
      if (received > 1) {
        long timestampMicros = (long) (int) (timestamp - lastTimestamp) * 1_000_000L / CLOCK_RATE;
        long d = Math.abs((arrivalMicros - lastArrivalMicros) - timestampMicros);
        jitterMicros += (d - jitterMicros) / 16.0;
      }
      lastArrivalMicros = arrivalMicros;
      lastTimestamp = timestamp;
    }

    long expected() {
      return firstExtended < 0 ? 0 : highestExtended - firstExtended + 1;
    }
  }
}
