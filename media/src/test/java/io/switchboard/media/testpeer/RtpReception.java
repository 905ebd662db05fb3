package io.switchboard.media.testpeer;

import io.switchboard.media.impl.rtp.RtpHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one receiver got, per RTP source: packets, loss from sequence numbers (RFC 3550 A.3), interarrival jitter
 * (RFC 3550 A.8) and, for packets carrying a {@link SendTimeMarker}, the one-way delay from sender to here.
 * Updated by the receiving thread, read by anyone; {@link #reset()} starts a new measurement.
 */
public final class RtpReception {
  private static final int CLOCK_RATE = 8000;

  private final List<Source> sources = new ArrayList<>();
  private Source current;
  private int[] delaysMicros = new int[256];
  private int delayCount;

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
    if (sent >= 0 && arrivalMicros >= sent) {
      if (delayCount == delaysMicros.length) {
        delaysMicros = Arrays.copyOf(delaysMicros, delayCount * 2);
      }
      delaysMicros[delayCount++] = (int) Math.min(Integer.MAX_VALUE, arrivalMicros - sent);
    }
  }

  /** Forgets everything counted so far. */
  public synchronized void reset() {
    sources.clear();
    current = null;
    delaysMicros = new int[256];
    delayCount = 0;
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
    return new Summary(sources.size(), received, expected, jitter, Arrays.copyOf(delaysMicros, delayCount));
  }

  /**
   * @param jitterMillis the largest jitter of the sources, at the last packet
   * @param delaysMicros one-way delay of each marked packet, unsorted
   */
  public record Summary(int sources, long received, long expected, double jitterMillis, int[] delaysMicros) {
    public long lost() {
      return Math.max(0, expected - received);
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
