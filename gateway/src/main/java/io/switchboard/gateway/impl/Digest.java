package io.switchboard.gateway.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The MD5 digest arithmetic of RFC 2617 §3.2.2 used by SIP (RFC 3261 §22.4), both as server and as client. */
final class Digest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Digest() {
  }

  static String md5Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every Java platform", e);
    }
  }

  /**
   * request-digest of RFC 2617 §3.2.2.1: with qop "auth" it covers nc and cnonce, without qop it is the RFC 2069
   * form.
   */
  static String response(String username, String realm, String password, String method, String uri, String nonce,
      String qop, String nc, String cnonce) {
    String ha1 = md5Hex(username + ":" + realm + ":" + password);
    String ha2 = md5Hex(method + ":" + uri);
    if (qop == null || qop.isEmpty()) {
      return md5Hex(ha1 + ":" + nonce + ":" + ha2);
    }
    return md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Constant-time comparison, so the response cannot be guessed byte by byte from timing. */
  static boolean equal(String expected, String actual) {
    if (actual == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        actual.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
