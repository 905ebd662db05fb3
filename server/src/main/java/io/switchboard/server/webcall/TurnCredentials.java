package io.switchboard.server.webcall;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ephemeral TURN credentials for coturn's REST API mode ({@code use-auth-secret} + {@code static-auth-secret};
 * draft-uberti-behave-turn-rest-00 §2.2): the username is the expiry as a Unix timestamp, optionally followed by
 * {@code :} and who it is for; the password is base64(HMAC-SHA1(secret, username)). coturn recomputes the password
 * from the username with the same secret and refuses the username once its timestamp has passed, so nothing is
 * stored and a leaked credential dies on its own.
 *
 * @param username   {@code <expiry-unix-seconds>[:<user>]}
 * @param credential the password
 * @param expiresAt  when coturn stops accepting it
 */
public record TurnCredentials(String username, String credential, Instant expiresAt) {

  /** Credentials valid for {@code lifetime} from {@code now}; {@code user} (may be null) is kept in the name. */
  public static TurnCredentials issue(String secret, Instant now, Duration lifetime, String user) {
    Instant expiresAt = Instant.ofEpochSecond(now.getEpochSecond() + lifetime.toSeconds());
    String username = expiresAt.getEpochSecond() + (user == null || user.isEmpty() ? "" : ":" + user);
    return new TurnCredentials(username, password(secret, username), expiresAt);
  }

  /** base64(HMAC-SHA1(secret, username)), as coturn computes it. */
  static String password(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JVM", e); // every JDK has it
    }
  }
}
