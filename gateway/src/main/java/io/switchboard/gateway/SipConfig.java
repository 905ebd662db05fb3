package io.switchboard.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the SIP stack that faces the trunks.
 *
 * @param bindHost              local address the listening points bind to
 * @param port                  UDP and TCP port (the same for both); 0 picks a free one, see {@link SipGateway#port()}
 * @param transports            {@code "udp"} and/or {@code "tcp"}
 * @param announcedAddress      the address written in our Contact and Via (what carriers reach us at)
 * @param maxMessageSize        largest SIP message accepted over TCP, in bytes (protects the parser)
 * @param maxServerTransactions concurrent server transactions before the stack answers 503
 * @param readTimeout           how long a TCP peer may take to send a whole message
 */
public record SipConfig(String bindHost, int port, List<String> transports, String announcedAddress,
    int maxMessageSize, int maxServerTransactions, Duration readTimeout) {

  public SipConfig {
    Objects.requireNonNull(bindHost, "sip.bind-host");
    Objects.requireNonNull(announcedAddress, "sip.announced-address");
    Objects.requireNonNull(readTimeout, "sip.read-timeout");
    transports = List.copyOf(Objects.requireNonNull(transports, "sip.transports"));
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("sip.port must be within 0..65535, got " + port);
    }
    if (transports.isEmpty()) {
      throw new IllegalArgumentException("sip.transports must name at least one of udp, tcp");
    }
    for (String t : transports) {
      if (!t.equals("udp") && !t.equals("tcp")) {
        throw new IllegalArgumentException("sip.transports: unsupported transport '" + t + "' (udp, tcp)");
      }
    }
    if (maxMessageSize < 4096) {
      throw new IllegalArgumentException("sip.max-message-size must be at least 4096, got " + maxMessageSize);
    }
    if (maxServerTransactions <= 0) {
      throw new IllegalArgumentException("sip.max-server-transactions must be positive, got " + maxServerTransactions);
    }
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("sip.read-timeout must be positive, got " + readTimeout);
    }
  }

  public static SipConfig defaults() {
    return new SipConfig("0.0.0.0", 5060, List.of("udp", "tcp"), "127.0.0.1", 65536, 10000, Duration.ofSeconds(5));
  }

  /** The same settings on another port (tests use 0). */
  public SipConfig withPort(int newPort) {
    return new SipConfig(bindHost, newPort, transports, announcedAddress, maxMessageSize, maxServerTransactions,
        readTimeout);
  }
}
