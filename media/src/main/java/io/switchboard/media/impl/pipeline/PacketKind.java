package io.switchboard.media.impl.pipeline;

/**
 * What arrives on the one media port, told apart by the first byte (RFC 7983 §7) and, for RTP versus RTCP, by the
 * second (RFC 5761 §4). This is the only place that draws the table:
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--> STUN
 *                  |      [16..19] -+--> ZRTP          (dropped)
 *      packet -->  |      [20..63] -+--> DTLS
 *                  |      [64..79] -+--> TURN channel  (dropped)
 *                  |    [128..191] -+--> RTP / RTCP    (second byte 192..223: RTCP)
 *                  +----------------+
 * </pre>
 */
public enum PacketKind {
  STUN, DTLS, RTP, RTCP, OTHER;

  /** Classifies one datagram; never throws. */
  public static PacketKind of(byte[] packet, int offset, int length) {
    if (length < 1) {
      return OTHER;
    }
    int first = packet[offset] & 0xff;
    if (first <= 3) {
      return length >= 20 ? STUN : OTHER;
    }
    if (first >= 20 && first <= 63) {
      return DTLS;
    }
    if (first >= 128 && first <= 191) {
      if (length < 8) {
        return OTHER;
      }
      int second = packet[offset + 1] & 0xff;
      // RFC 5761 §4: RTCP packet types 192..223 occupy the byte where RTP has marker + payload type.
      return second >= 192 && second <= 223 ? RTCP : (length >= 12 ? RTP : OTHER);
    }
    return OTHER;
  }
}
