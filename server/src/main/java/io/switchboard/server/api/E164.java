package io.switchboard.server.api;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A customer's number as stored: E.164 (ITU-T E.164; {@code +4930123456}) by libphonenumber, the form the call
 * center stores callers in, so a ringing call finds its customer by equality. Only international input is taken
 * ({@code +} and a country code, spaces and dashes allowed): the API has no region to guess from.
 */
final class E164 {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private E164() {
  }

  /** The number in E.164, or a 400 naming {@code field}. */
  static String of(String field, String input) {
    if (input != null && input.strip().startsWith("+")) {
      try {
        PhoneNumber number = UTIL.parse(input, null);
        if (UTIL.isPossibleNumber(number)) {
          return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        }
      } catch (NumberParseException e) {
        // refused below
      }
    }
    throw ApiProblem.badRequest(field + " must be an international phone number (+ and country code, e.g. "
        + "+4930123456), was " + CallFilter.quoted(String.valueOf(input)));
  }
}
