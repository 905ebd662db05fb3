package io.switchboard.gateway;

import java.util.Objects;

/**
 * How we place calls on a trunk: where the carrier's proxy is and the account it authenticates us with.
 *
 * @param proxy    host:port of the carrier's SIP proxy (UDP); the INVITE's Request-URI names it
 * @param domain   the domain of our From and P-Asserted-Identity ({@code sip:callerId@domain})
 * @param username the account for digest authentication on 401/407 (RFC 3261 §22.2); empty when the carrier
 *                 trusts our address instead
 * @param password its password
 */
public record OutboundConfig(String proxy, String domain, String username, String password) {

  public OutboundConfig {
    Objects.requireNonNull(proxy, "outbound proxy");
    Objects.requireNonNull(domain, "outbound domain");
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    if (!proxy.matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
      throw new IllegalArgumentException("outbound proxy must be host or host:port, got '" + proxy + "'");
    }
    if (domain.isBlank()) {
      throw new IllegalArgumentException("outbound domain must not be blank");
    }
  }

  public boolean authenticates() {
    return !username.isEmpty();
  }

  @Override
  public String toString() {
    return "OutboundConfig[proxy=" + proxy + ", domain=" + domain + ", username=" + username + ", password=***]";
  }
}
