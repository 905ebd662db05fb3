package io.switchboard.media.impl.rtp;

/** Reads and writes the fixed RTP header (RFC 3550 §5.1) in place. No allocation, no checks beyond lengths. */
public final class RtpHeader {
  public static final int FIXED_LENGTH = 12;

  private RtpHeader() {
  }

  public static int payloadType(byte[] b, int off) {
    return b[off + 1] & 0x7f;
  }

  public static boolean marker(byte[] b, int off) {
    return (b[off + 1] & 0x80) != 0;
  }

  public static int sequence(byte[] b, int off) {
    return ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }

  public static long timestamp(byte[] b, int off) {
    return readUint32(b, off + 4);
  }

  public static int ssrc(byte[] b, int off) {
    return (int) readUint32(b, off + 8);
  }

  /**
   * Length of the header including CSRCs and the extension, or -1 if the packet is too short for what it claims.
   * RFC 3550 §5.1 and §5.3.1.
   */
  public static int headerLength(byte[] b, int off, int len) {
    if (len < FIXED_LENGTH || (b[off] & 0xc0) != 0x80) {
      return -1;
    }
    int headerLength = FIXED_LENGTH + 4 * (b[off] & 0x0f);
    if ((b[off] & 0x10) != 0) {
      if (len < headerLength + 4) {
        return -1;
      }
      int words = ((b[off + headerLength + 2] & 0xff) << 8) | (b[off + headerLength + 3] & 0xff);
      headerLength += 4 + 4 * words;
    }
    return headerLength <= len ? headerLength : -1;
  }

  /** Length of the payload (without padding), or -1 if malformed. */
  public static int payloadLength(byte[] b, int off, int len) {
    int headerLength = headerLength(b, off, len);
    if (headerLength < 0) {
      return -1;
    }
    int padding = (b[off] & 0x20) != 0 ? b[off + len - 1] & 0xff : 0;
    int payload = len - headerLength - padding;
    return payload >= 0 ? payload : -1;
  }

  /** Writes a fixed header with no CSRCs and no extension. */
  public static void write(byte[] b, int off, boolean marker, int payloadType, int sequence, long timestamp,
      int ssrc) {
    b[off] = (byte) 0x80;
    b[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f));
    b[off + 2] = (byte) (sequence >>> 8);
    b[off + 3] = (byte) sequence;
    writeUint32(b, off + 4, timestamp);
    writeUint32(b, off + 8, ssrc & 0xffffffffL);
  }

  public static long readUint32(byte[] b, int off) {
    return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
  }

  public static void writeUint32(byte[] b, int off, long v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
