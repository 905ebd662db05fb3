package io.switchboard.signaling;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.Objects;

/**
 * bcrypt (cost 10, version 2a) for agent passwords, via at.favre.lib:bcrypt. Both methods take tens of milliseconds
 * on purpose: call them off the event loop. Nothing here logs or keeps the plain password.
 */
public final class Passwords {

  public static final int COST = 10;

  /** bcrypt reads at most 72 bytes of password; longer passwords are refused, not silently truncated. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private Passwords() {
  }

  /**
   * A new salted hash of {@code plain}.
   *
   * @throws IllegalArgumentException if the password is empty or longer than {@link #MAX_PASSWORD_BYTES} in UTF-8
   */
  public static String hash(String plain) {
    Objects.requireNonNull(plain, "plain");
    if (plain.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
    // The library's strict long-password strategy throws (without echoing the password) above 72 bytes.
    return BCrypt.withDefaults().hashToString(COST, plain.toCharArray());
  }

  /**
   * Whether {@code plain} matches {@code hash}; the final comparison is constant-time. False (never an exception)
   * for a null or malformed hash or an over-long password.
   */
  public static boolean verify(String plain, String hash) {
    if (plain == null || hash == null) {
      return false;
    }
    try {
      return BCrypt.verifyer().verify(plain.toCharArray(), hash.toCharArray()).verified;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
