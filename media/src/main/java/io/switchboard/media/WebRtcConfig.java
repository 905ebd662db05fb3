package io.switchboard.media;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the WebRTC media endpoint: the one UDP port every browser session shares.
 *
 * @param bindHost            the local address the UDP socket binds to (0.0.0.0 for all)
 * @param port                the one UDP port for all browser sessions (RFC 7983 demultiplexing)
 * @param announcedAddresses  the addresses written as ICE host candidates in SDP answers (what browsers can reach)
 * @param receiveBufferBytes  SO_RCVBUF of the media socket; the kernel default drops packets under load
 * @param sendBufferBytes     SO_SNDBUF of the media socket
 * @param consentTimeout      RFC 7675 §5.1: a session with no valid consent check for this long ends by itself
 * @param connectTimeout      a session whose ICE + DTLS has not completed by then ends by itself
 * @param sockets             how many sockets share the port with SO_REUSEPORT, each read by its own event loop
 *                            (the kernel spreads the browsers over them by address); 0 for one per core
 * @param pollMicros          0: the sockets' loops sleep in the kernel until a datagram comes (Vert.x's loops);
 *                            above 0: loops of their own that poll every this many microseconds while traffic
 *                            flows ({@code PollingLoops}; fewer wake-ups, up to this much added delay)
 */
public record WebRtcConfig(
    String bindHost,
    int port,
    List<String> announcedAddresses,
    int receiveBufferBytes,
    int sendBufferBytes,
    Duration consentTimeout,
    Duration connectTimeout,
    int sockets,
    int pollMicros) {

  public WebRtcConfig {
    Objects.requireNonNull(bindHost, "bindHost");
    announcedAddresses = List.copyOf(announcedAddresses);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("media.webrtc.port must be 0..65535, got " + port);
    }
    if (announcedAddresses.isEmpty()) {
      throw new IllegalArgumentException("media.webrtc.announced-addresses must name at least one address");
    }
    if (receiveBufferBytes <= 0 || sendBufferBytes <= 0) {
      throw new IllegalArgumentException("media.webrtc socket buffers must be positive");
    }
    if (consentTimeout.isNegative() || consentTimeout.isZero()) {
      throw new IllegalArgumentException("media.webrtc.consent-timeout must be positive");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("media.webrtc.connect-timeout must be positive");
    }
    if (sockets < 0 || sockets > 64) {
      throw new IllegalArgumentException("media.webrtc.sockets must be 0..64 (0: one per core), got " + sockets);
    }
    if (pollMicros < 0 || pollMicros > 5000) {
      throw new IllegalArgumentException("media.webrtc.poll-micros must be 0..5000, got " + pollMicros);
    }
  }

  /** One socket per core. */
  public WebRtcConfig(String bindHost, int port, List<String> announcedAddresses, int receiveBufferBytes,
      int sendBufferBytes, Duration consentTimeout, Duration connectTimeout) {
    this(bindHost, port, announcedAddresses, receiveBufferBytes, sendBufferBytes, consentTimeout, connectTimeout, 0,
        0);
  }

  /** The number of sockets to open: {@link #sockets}, or one per core when it is 0. */
  public int socketCount() {
    return sockets > 0 ? sockets : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Defaults for a developer machine: port 10000 on all interfaces, announced as 127.0.0.1. */
  public static WebRtcConfig defaults() {
    return new WebRtcConfig("0.0.0.0", 10000, List.of("127.0.0.1"), 4 << 20, 4 << 20,
        Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  public WebRtcConfig withPort(int newPort) {
    return new WebRtcConfig(bindHost, newPort, announcedAddresses, receiveBufferBytes, sendBufferBytes,
        consentTimeout, connectTimeout, sockets, pollMicros);
  }

  public WebRtcConfig withTimeouts(Duration consent, Duration connect) {
    return new WebRtcConfig(bindHost, port, announcedAddresses, receiveBufferBytes, sendBufferBytes,
        consent, connect, sockets, pollMicros);
  }

  public WebRtcConfig withPollMicros(int micros) {
    return new WebRtcConfig(bindHost, port, announcedAddresses, receiveBufferBytes, sendBufferBytes,
        consentTimeout, connectTimeout, sockets, micros);
  }

  public WebRtcConfig withSockets(int count) {
    return new WebRtcConfig(bindHost, port, announcedAddresses, receiveBufferBytes, sendBufferBytes,
        consentTimeout, connectTimeout, count, pollMicros);
  }
}
