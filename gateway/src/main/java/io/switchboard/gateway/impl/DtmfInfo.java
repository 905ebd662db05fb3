package io.switchboard.gateway.impl;

import java.util.Locale;

/** Digits carried in SIP INFO bodies: application/dtmf-relay (Cisco, "Signal=5") and application/dtmf ("5"). */
final class DtmfInfo {

  private DtmfInfo() {
  }

  /** The digit of an application/dtmf-relay body, or null if it has no valid Signal line. */
  static Character fromDtmfRelay(String body) {
    for (String line : body.split("\r?\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
        return digit(line.substring(eq + 1).trim());
      }
    }
    return null;
  }

  /** The digit of an application/dtmf body, or null. */
  static Character fromDtmf(String body) {
    return digit(body.trim());
  }

  /** One of 0-9 * # A-D; events 10 and 11 (RFC 4733 §3.2) as * and #. */
  private static Character digit(String s) {
    if (s.equals("10")) {
      return '*';
    }
    if (s.equals("11")) {
      return '#';
    }
    if (s.length() != 1) {
      return null;
    }
    char c = s.toUpperCase(Locale.ROOT).charAt(0);
    if (c >= '0' && c <= '9' || c == '*' || c == '#' || c >= 'A' && c <= 'D') {
      return c;
    }
    return null;
  }
}
