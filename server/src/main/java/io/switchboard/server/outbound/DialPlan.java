package io.switchboard.server.outbound;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Objects;

/**
 * Which numbers a trunk may dial, judged by libphonenumber's metadata rather than by prefixes we would have to keep
 * up to date: numbers of the trunk's home region that are fixed lines or mobiles (and toll-free ones), and nothing
 * else unless enabled. Premium-rate, shared-cost, personal and other special numbers, and every number abroad, are
 * refused by default: they are where toll fraud makes its money.
 *
 * @param region        the trunk's home region (ISO 3166 alpha-2, "DE"): national numbers are parsed in it
 * @param international whether numbers outside {@code region} may be dialled
 * @param premium       whether premium-rate and shared-cost numbers may be dialled
 */
public record DialPlan(String region, boolean international, boolean premium) {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  public DialPlan {
    Objects.requireNonNull(region, "dial plan region");
    if (!UTIL.getSupportedRegions().contains(region)) {
      throw new IllegalArgumentException("dial plan region must be a region libphonenumber knows, got '" + region
          + "'");
    }
  }

  /** What the plan says about one number: allowed with its E.164 form, or refused with a reason code. */
  public record Verdict(boolean allowed, String e164, String reason) {
    static Verdict allow(String e164) {
      return new Verdict(true, e164, null);
    }

    static Verdict refuse(String e164, String reason) {
      return new Verdict(false, e164, reason);
    }
  }

  public Verdict check(String dialled) {
    PhoneNumber number;
    try {
      number = UTIL.parse(dialled, region);
    } catch (NumberParseException e) {
      return Verdict.refuse(null, "not_a_number");
    }
    String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    if (!UTIL.isValidNumber(number)) {
      return Verdict.refuse(e164, "invalid_number");
    }
    String numberRegion = UTIL.getRegionCodeForNumber(number);
    if (!region.equals(numberRegion) && !international) {
      return Verdict.refuse(e164, "international");
    }
    PhoneNumberType type = UTIL.getNumberType(number);
    return switch (type) {
      case FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE, TOLL_FREE -> Verdict.allow(e164);
      case PREMIUM_RATE, SHARED_COST -> premium ? Verdict.allow(e164) : Verdict.refuse(e164, "premium_rate");
      default -> Verdict.refuse(e164, "number_type_" + type.name().toLowerCase(java.util.Locale.ROOT));
    };
  }
}
