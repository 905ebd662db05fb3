package io.switchboard.gateway;

import java.util.Objects;

/** A username and password for SIP digest authentication (RFC 3261 §22.4), with the realm we challenge in. */
public record DigestCredentials(String username, String password, String realm) {

  public DigestCredentials {
    Objects.requireNonNull(username, "digest username");
    Objects.requireNonNull(password, "digest password");
    Objects.requireNonNull(realm, "digest realm");
  }

  @Override
  public String toString() {
    return "DigestCredentials[username=" + username + ", realm=" + realm + ", password=***]";
  }
}
