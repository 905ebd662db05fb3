package io.switchboard.media.prompt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a caller's queue position and estimated wait into the prompt ids that say it, grammatically, in each
 * language. Numbers are composed from number clips: {@code num-1}..{@code num-19} and the tens {@code num-20}..
 * {@code num-90} (cardinals; in Russian and Ukrainian they count minutes, so 1 and 2 are the feminine "одна",
 * "две"/"дві"), and for Russian and Ukrainian positions the ordinals {@code ord-1}..{@code ord-19},
 * {@code ord-20}..{@code ord-90} ("двадцать третий" = {@code num-20} + {@code ord-3}).
 *
 * <pre>
 * en  You are number | twenty | three | in the queue. | The estimated waiting time is | two | minutes.
 * ru  Ваш номер в очереди — | двадцать | третий. | Примерное время ожидания — | две | минуты.
 * uk  Ваш номер у черзі — | двадцять | третій. | Орієнтовний час очікування — | дві | хвилини.
 * </pre>
 *
 * <p>Minutes take the plural form the number asks for: English 1 minute / n minutes; Russian and Ukrainian by the
 * last two digits: 1, 21, 31... минута/хвилина; 2–4, 22–24... минуты/хвилини; 0, 5–20, 25–30... минут/хвилин.
 * The wait is rounded up to whole minutes, at least one (EWT is a mean with a wide spread, see routing.md);
 * positions and minutes above 99 are said as "more than ninety-nine".
 */
public final class Announcements {
  /** The largest number said as such. */
  public static final int MAX_SPOKEN = 99;

  // Phrase ids (texts in tools/prompts/texts.tsv).
  static final String POSITION = "queue-position";
  static final String POSITION_END = "queue-position-end";
  static final String POSITION_OVER = "queue-position-over-99";
  static final String WAIT = "wait-time";
  static final String MORE_THAN = "more-than-99";
  static final String MINUTE_ONE = "minute-one";
  static final String MINUTE_FEW = "minute-few";
  static final String MINUTE_MANY = "minute-many";

  private Announcements() {
  }

  /**
   * The ids that announce {@code position}, then the wait if there is an estimate.
   *
   * @param lang     {@code en}, {@code ru} or {@code uk}
   * @param position 1-based place in the queue
   * @param ewt      the estimated wait, or empty to say the position only (no agents staffing the queue)
   * @throws IllegalArgumentException for another language, a position below 1 or a negative wait
   */
  public static List<String> position(String lang, int position, Optional<Duration> ewt) {
    Objects.requireNonNull(ewt, "ewt");
    if (position < 1) {
      throw new IllegalArgumentException("queue position must be 1 or more, not " + position);
    }
    if (ewt.isPresent() && ewt.get().isNegative()) {
      throw new IllegalArgumentException("estimated wait must not be negative: " + ewt.get());
    }
    List<String> ids = new ArrayList<>();
    switch (checkedLanguage(lang)) {
      case "en" -> {
        if (position > MAX_SPOKEN) {
          ids.add(POSITION_OVER);
        } else {
          ids.add(POSITION);
          cardinal(position, ids);
          ids.add(POSITION_END);
        }
      }
      default -> {
        if (position > MAX_SPOKEN) {
          ids.add(POSITION_OVER);
        } else {
          ids.add(POSITION);
          ordinal(position, ids);
        }
      }
    }
    ewt.ifPresent(wait -> wait(lang, minutesRoundedUp(wait), ids));
    return List.copyOf(ids);
  }

  /** The wait in whole minutes, rounded up, at least 1. */
  public static long minutesRoundedUp(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, (seconds + 59) / 60);
  }

  private static void wait(String lang, long minutes, List<String> ids) {
    ids.add(WAIT);
    if (minutes > MAX_SPOKEN) {
      ids.add(MORE_THAN);
      // "more than 99 minutes" / "более девяноста девяти минут" / "понад дев'яносто дев'ять хвилин".
      ids.add(MINUTE_MANY);
      return;
    }
    int n = (int) minutes;
    cardinal(n, ids);
    ids.add(lang.equals("en") ? (n == 1 ? MINUTE_ONE : MINUTE_MANY) : slavicPlural(n));
  }

  /**
   * Russian and Ukrainian plural of a counted noun: "one" form after 1, 21, 31..., "few" after 2–4, 22–24...,
   * "many" after 0, 5–20, 25–30... (the last two digits decide: 11–14 take "many").
   */
  static String slavicPlural(int n) {
    int lastTwo = n % 100;
    int last = n % 10;
    if (lastTwo >= 11 && lastTwo <= 14) {
      return MINUTE_MANY;
    }
    if (last == 1) {
      return MINUTE_ONE;
    }
    if (last >= 2 && last <= 4) {
      return MINUTE_FEW;
    }
    return MINUTE_MANY;
  }

  /** 1..99 as number clips: one clip up to 19 and for whole tens, else tens + unit. */
  static void cardinal(int n, List<String> ids) {
    if (n < 20 || n % 10 == 0) {
      ids.add("num-" + n);
    } else {
      ids.add("num-" + (n - n % 10));
      ids.add("num-" + n % 10);
    }
  }

  /** 1..99 as an ordinal: the last word is ordinal, the tens before it cardinal ("двадцать третий"). */
  static void ordinal(int n, List<String> ids) {
    if (n < 20 || n % 10 == 0) {
      ids.add("ord-" + n);
    } else {
      ids.add("num-" + (n - n % 10));
      ids.add("ord-" + n % 10);
    }
  }

  private static String checkedLanguage(String lang) {
    if (lang == null || !(lang.equals("en") || lang.equals("ru") || lang.equals("uk"))) {
      throw new IllegalArgumentException("announcements are in en, ru or uk, not " + lang);
    }
    return lang;
  }
}
