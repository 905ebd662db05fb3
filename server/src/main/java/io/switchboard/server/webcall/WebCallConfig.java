package io.switchboard.server.webcall;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The website widget's channel: how long a call token lives, the rate limits and the cap on concurrent web calls,
 * the ICE servers handed to browsers, and the demo shop's port. Which pages may call which flow is routing
 * configuration ({@code entry-points.web}), not here.
 *
 * @param tokenLifetime        how long a call token issued to a page stays valid
 * @param callsPerIpPerMinute  calls one client address may start per minute
 * @param callsPerEntryPerMinute calls one web entry point may take per minute, from everyone
 * @param maxCalls             web calls up at once (every entry point together)
 * @param ice                  STUN/TURN servers for browsers
 * @param demoShopPort         port of the demo shop page when demo data is on; 0 picks a free one
 */
public record WebCallConfig(Duration tokenLifetime, int callsPerIpPerMinute, int callsPerEntryPerMinute,
    int maxCalls, Ice ice, int demoShopPort) {

  public WebCallConfig {
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(ice, "ice");
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("web-call.token-lifetime-seconds must be positive");
    }
    if (callsPerIpPerMinute <= 0 || callsPerEntryPerMinute <= 0 || maxCalls <= 0) {
      throw new IllegalArgumentException("web-call limits must be positive");
    }
  }

  /**
   * ICE servers for browsers (RFC 8445 §5.1.1.2, W3C RTCIceServer).
   *
   * @param stunUrls             {@code stun:} URLs
   * @param turnUrls             {@code turn:}/{@code turns:} URLs of coturn
   * @param turnSecret           coturn's {@code static-auth-secret} (REST API credentials); empty: no TURN
   * @param credentialLifetime   how long a TURN credential is valid
   */
  public record Ice(List<String> stunUrls, List<String> turnUrls, String turnSecret, Duration credentialLifetime) {

    public Ice {
      stunUrls = List.copyOf(stunUrls);
      turnUrls = List.copyOf(turnUrls);
      Objects.requireNonNull(turnSecret, "turnSecret");
      for (String url : stunUrls) {
        if (!url.startsWith("stun:") && !url.startsWith("stuns:")) {
          throw new IllegalArgumentException("ice.stun-urls: '" + url + "' does not start with stun: or stuns:");
        }
      }
      for (String url : turnUrls) {
        if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
          throw new IllegalArgumentException("ice.turn-urls: '" + url + "' does not start with turn: or turns:");
        }
      }
      if (!turnUrls.isEmpty() && turnSecret.isEmpty()) {
        throw new IllegalArgumentException("ice.turn-urls needs ice.turn-secret (coturn's static-auth-secret)");
      }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
      return "Ice[stunUrls=" + stunUrls + ", turnUrls=" + turnUrls + ", turnSecret=" + (turnSecret.isEmpty() ? ""
          : "(set)") + ", credentialLifetime=" + credentialLifetime + "]";
    }

    public static Ice none() {
      return new Ice(List.of(), List.of(), "", Duration.ofHours(1));
    }
  }
}
