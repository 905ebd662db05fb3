package io.switchboard.media.impl.ice;

import java.security.SecureRandom;

/** An ICE username fragment and password (RFC 8445 §5.3), drawn from ice-chars. */
public record IceCredentials(String ufrag, String pwd) {
  private static final char[] ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * 10 alphanumeric characters of ufrag (59 bits; it also names the session in URLs, so no '+' or '/') and 24
   * ice-chars of password (144 bits).
   */
  public static IceCredentials random() {
    return new IceCredentials(randomChars(10, 62), randomChars(24, ICE_CHARS.length));
  }

  private static String randomChars(int n, int alphabet) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ICE_CHARS[RANDOM.nextInt(alphabet)];
    }
    return new String(c);
  }
}
