package io.switchboard.media;

import java.util.Objects;

/**
 * Settings of the plain RTP ports for trunk legs (RTP/AVP toward carriers).
 *
 * @param bindHost           local address the RTP sockets bind to
 * @param announcedAddress   the address written in our SDP (c=) for carriers to send to
 * @param minPort            first port of the range (even: RTP uses even ports, RFC 3550 §11)
 * @param maxPort            last port of the range
 * @param receiveBufferBytes SO_RCVBUF per socket
 */
public record RtpConfig(String bindHost, String announcedAddress, int minPort, int maxPort, int receiveBufferBytes) {

  public RtpConfig {
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(announcedAddress, "announcedAddress");
    if (minPort < 1024 || maxPort > 65535 || minPort > maxPort) {
      throw new IllegalArgumentException("media.rtp port range must be within 1024..65535 and min <= max, got "
          + minPort + ".." + maxPort);
    }
    if (receiveBufferBytes <= 0) {
      throw new IllegalArgumentException("media.rtp.receive-buffer-bytes must be positive");
    }
  }

  public static RtpConfig defaults() {
    return new RtpConfig("0.0.0.0", "127.0.0.1", 20000, 29999, 1 << 20);
  }
}
