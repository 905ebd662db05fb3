package io.switchboard.media.testpeer;

/**
 * A send-time stamp hidden in a G.711 payload, so a receiver in the same JVM (one clock) measures the one-way delay
 * of each packet through whatever relayed it, without the relay's help: the first 14 bytes of the payload become
 * two magic bytes and the send time in microseconds, 4 bits per byte. Every byte is 0xF0..0xFF, which µ-law
 * decodes to within ±124 of silence (ITU-T G.711), so the tone around it is still heard; the relay must not
 * transcode (µ-law ⇄ A-law would scramble it, and the receiver then finds no marker).
 */
public final class SendTimeMarker {
  /** Payload bytes the marker takes. */
  public static final int LENGTH = 14;
  private static final int MAGIC_0 = 0xFA;
  private static final int MAGIC_1 = 0xF5;
  private static final int TIME_NIBBLES = LENGTH - 2;
  private static final long EPOCH = System.nanoTime();

  private SendTimeMarker() {
  }

  /** Microseconds on this JVM's monotonic clock (48 bits cover 8 years). */
  public static long nowMicros() {
    return (System.nanoTime() - EPOCH) / 1000;
  }

  /** Writes the marker with {@code micros} at the start of a payload of at least {@link #LENGTH} bytes. */
  public static void write(byte[] payload, int offset, long micros) {
    payload[offset] = (byte) MAGIC_0;
    payload[offset + 1] = (byte) MAGIC_1;
    for (int i = 0; i < TIME_NIBBLES; i++) {
      payload[offset + 2 + i] = (byte) (0xF0 | ((micros >>> (4 * (TIME_NIBBLES - 1 - i))) & 0x0F));
    }
  }

  /** The send time in the payload, or -1 when it carries no marker. */
  public static long read(byte[] payload, int offset, int length) {
    if (length < LENGTH || (payload[offset] & 0xff) != MAGIC_0 || (payload[offset + 1] & 0xff) != MAGIC_1) {
      return -1;
    }
    long micros = 0;
    for (int i = 0; i < TIME_NIBBLES; i++) {
      int b = payload[offset + 2 + i] & 0xff;
      if ((b & 0xF0) != 0xF0) {
        return -1;
      }
      micros = (micros << 4) | (b & 0x0F);
    }
    return micros;
  }
}
