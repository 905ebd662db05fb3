package io.switchboard.server.calls;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** E.164 for storage (libphonenumber): what a trunk sends is national, international or a short code. */
final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {
  }

  /** {@code +4930123456} for anything libphonenumber recognises as a possible number; the input otherwise. */
  static String e164(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return "anonymous";
    }
    try {
      PhoneNumber number = UTIL.parse(raw, defaultRegion);
      if (UTIL.isPossibleNumber(number)) {
        return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
      }
    } catch (NumberParseException e) {
      // Not a number (a SIP user name, a short code): kept as received.
    }
    return raw;
  }
}
