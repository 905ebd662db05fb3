package io.switchboard.media.impl.rtp;

/** RFC 4733 telephone-events for DTMF: the 4-byte payload, and a receiver that reports each event once. */
public final class Rfc4733 {
  private static final String DIGITS = "0123456789*#ABCD";

  private Rfc4733() {
  }

  /** Event code of a DTMF digit (RFC 4733 §3.2), or -1. */
  public static int eventOf(char digit) {
    return DIGITS.indexOf(Character.toUpperCase(digit));
  }

  /** The digit of an event code, or 0 when it is not a DTMF event. */
  public static char digitOf(int event) {
    return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : 0;
  }

  /** event | E bit, R, volume 10 | duration. */
  public static byte[] payload(int event, boolean end, int duration) {
    return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >>> 8), (byte) duration};
  }

  /**
   * Reports each event once, on its first packet: an event is identified by its RTP timestamp (§2.5.1.3), so
   * retransmitted updates and the three end packets are not new digits.
   */
  public static final class Receiver {
    private long lastTimestamp = -1;

    /** Returns the digit when this packet starts a new event, else 0. */
    public char onPacket(byte[] packet, int payloadOffset, int payloadLength, long timestamp) {
      if (payloadLength < 4) {
        return 0;
      }
      if (timestamp == lastTimestamp) {
        return 0;
      }
      lastTimestamp = timestamp;
      return digitOf(packet[payloadOffset] & 0xff);
    }
  }
}
