package io.switchboard.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Registering to a carrier's registrar (RFC 3261 §10) so it knows where to send calls.
 *
 * @param registrar host:port of the registrar (UDP)
 * @param username  the account, also the user part of our address-of-record
 * @param password  for digest authentication on 401/407
 * @param domain    the domain of the address-of-record ({@code sip:username@domain})
 * @param expires   the registration lifetime we ask for; we refresh at 80 % of what the registrar grants
 */
public record Registration(String registrar, String username, String password, String domain, Duration expires) {

  public Registration {
    Objects.requireNonNull(registrar, "registration registrar");
    Objects.requireNonNull(username, "registration username");
    Objects.requireNonNull(password, "registration password");
    Objects.requireNonNull(domain, "registration domain");
    Objects.requireNonNull(expires, "registration expires");
    if (expires.toSeconds() < 60) {
      throw new IllegalArgumentException("registration expires must be at least 60 s, got " + expires);
    }
  }

  @Override
  public String toString() {
    return "Registration[registrar=" + registrar + ", username=" + username + ", domain=" + domain + ", expires="
        + expires + ", password=***]";
  }
}
