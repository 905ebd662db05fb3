package io.switchboard.signaling.impl;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, URL-safe identifiers: socket ids, and the references that tie an {@code internal} error to its log line. */
final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {
  }

  /** 72 random bits: never repeats in practice. */
  static String connectionId() {
    return random(9);
  }

  /** 48 bits: enough to find the one log line, short enough to read out on the phone. */
  static String errorRef() {
    return random(6);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
