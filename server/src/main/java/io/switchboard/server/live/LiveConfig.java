package io.switchboard.server.live;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How the live boards count and show (switchboard-reference.properties, "Live boards").
 *
 * @param timeZone the hotline's time zone: "today" on the wallboard starts at its midnight
 * @param callerDigitsShown how many trailing digits of a caller's number the agents board shows (0: none, the number
 *     is hidden; the rest are masked with •)
 */
public record LiveConfig(ZoneId timeZone, int callerDigitsShown) {

  public static final LiveConfig DEFAULT = new LiveConfig(ZoneId.of("UTC"), 4);

  public LiveConfig {
    Objects.requireNonNull(timeZone, "timeZone");
    if (callerDigitsShown < 0 || callerDigitsShown > 15) {
      throw new IllegalArgumentException("live.caller-digits-shown must be 0..15 (E.164 has at most 15 digits)");
    }
  }

  /** The caller's number with all but the last {@link #callerDigitsShown} digits masked; null when none shows. */
  public String mask(String e164) {
    if (e164 == null || e164.isEmpty() || callerDigitsShown == 0) {
      return null;
    }
    StringBuilder out = new StringBuilder(e164.length());
    int digitsLeft = (int) e164.chars().filter(Character::isDigit).count();
    for (int i = 0; i < e164.length(); i++) {
      char c = e164.charAt(i);
      if (Character.isDigit(c)) {
        out.append(digitsLeft > callerDigitsShown ? '•' : c);
        digitsLeft--;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
