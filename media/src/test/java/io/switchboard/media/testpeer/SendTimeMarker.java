package io.switchboard.media.testpeer;

/**
 * A send-time stamp hidden in a G.711 payload, so a receiver in the same JVM (one clock) measures the one-way delay
 * of each packet through whatever relayed it, without the relay's help, and its loss in the sender's own numbering
 * (a relay that renumbers its stream hides upstream loss from the RTP sequence numbers): the first 16 bytes of the
 * payload become two magic bytes, the send time in microseconds (40 bits) and the sender's 16-bit packet count,
 * 4 bits per byte. Every byte is 0xF0..0xFF, which µ-law decodes to within ±124 of silence (ITU-T G.711), so the
 * tone around it is still heard; the relay must not transcode (µ-law ⇄ A-law would scramble it, and the receiver
 * then finds no marker).
 */
public final class SendTimeMarker {
  /** Payload bytes the marker takes. */
  public static final int LENGTH = 16;
  private static final int MAGIC_0 = 0xFA;
  private static final int MAGIC_1 = 0xF5;
  private static final int TIME_NIBBLES = 10;
  private static final int COUNT_NIBBLES = 4;
  private static final long EPOCH = System.nanoTime();

  private SendTimeMarker() {
  }

  /** Microseconds on this JVM's monotonic clock (the marker keeps 40 bits: 12 days). */
  public static long nowMicros() {
    return (System.nanoTime() - EPOCH) / 1000;
  }

  /**
   * Writes the marker with {@code micros} and the sender's packet {@code count} (mod 2^16) at the start of a
   * payload of at least {@link #LENGTH} bytes.
   */
  public static void write(byte[] payload, int offset, long micros, int count) {
    payload[offset] = (byte) MAGIC_0;
    payload[offset + 1] = (byte) MAGIC_1;
    long value = ((micros & 0xFF_FFFF_FFFFL) << 16) | (count & 0xffff);
    int nibbles = TIME_NIBBLES + COUNT_NIBBLES;
    for (int i = 0; i < nibbles; i++) {
      payload[offset + 2 + i] = (byte) (0xF0 | ((value >>> (4 * (nibbles - 1 - i))) & 0x0F));
    }
  }

  /** The send time in the payload (40 bits of microseconds), or -1 when it carries no marker. */
  public static long read(byte[] payload, int offset, int length) {
    long value = value(payload, offset, length);
    return value < 0 ? -1 : value >>> 16;
  }

  /** The sender's packet count (0..65535) in the payload, or -1 when it carries no marker. */
  public static int count(byte[] payload, int offset, int length) {
    long value = value(payload, offset, length);
    return value < 0 ? -1 : (int) (value & 0xffff);
  }

  private static long value(byte[] payload, int offset, int length) {
    if (length < LENGTH || (payload[offset] & 0xff) != MAGIC_0 || (payload[offset + 1] & 0xff) != MAGIC_1) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < TIME_NIBBLES + COUNT_NIBBLES; i++) {
      int b = payload[offset + 2 + i] & 0xff;
      if ((b & 0xF0) != 0xF0) {
        return -1;
      }
      value = (value << 4) | (b & 0x0F);
    }
    return value;
  }

  /** {@link #nowMicros()} as the marker carries it (40 bits), to subtract a {@link #read} time from. */
  public static long markerMicros(long micros) {
    return micros & 0xFF_FFFF_FFFFL;
  }
}
