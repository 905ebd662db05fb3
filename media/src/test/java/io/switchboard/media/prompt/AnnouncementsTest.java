package io.switchboard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a caller hears, rendered from the prompt texts the clips were spoken from (tools/prompts/texts.tsv). */
class AnnouncementsTest {
  private static final Map<String, String> TEXTS = new HashMap<>();

  @BeforeAll
  static void readTexts() throws Exception {
    // Maven runs tests in the module folder; the texts live with the generator.
    for (String line : Files.readAllLines(Path.of("..", "tools", "prompts", "texts.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      TEXTS.put(f[1] + "/" + f[0], f[2]);
    }
  }

  private static String say(String lang, int position, Duration wait) {
    return render(lang, Announcements.position(lang, position, Optional.ofNullable(wait)));
  }

  private static String render(String lang, List<String> ids) {
    return ids.stream().map(id -> {
      String text = TEXTS.get(lang + "/" + id);
      assertThat(text).as("text of %s/%s", lang, id).isNotNull();
      return text;
    }).collect(Collectors.joining(" "));
  }

  @Test
  void english() {
    assertThat(say("en", 3, Duration.ofMinutes(2)))
        .isEqualTo("You are number three in the queue. The estimated waiting time is two minutes.");
    assertThat(say("en", 1, Duration.ofSeconds(40)))
        .isEqualTo("You are number one in the queue. The estimated waiting time is one minute.");
    assertThat(say("en", 21, Duration.ofMinutes(21))).isEqualTo(
        "You are number twenty one in the queue. The estimated waiting time is twenty one minutes.");
    assertThat(say("en", 11, Duration.ofMinutes(11))).endsWith("is eleven minutes.");
    assertThat(say("en", 40, Duration.ofMinutes(99))).isEqualTo(
        "You are number forty in the queue. The estimated waiting time is ninety nine minutes.");
    assertThat(say("en", 100, Duration.ofMinutes(100))).isEqualTo("You are beyond number ninety-nine in the queue. "
        + "The estimated waiting time is more than ninety-nine minutes.");
    assertThat(say("en", 7, null)).isEqualTo("You are number seven in the queue.");
  }

  @Test
  void russian_positionIsAnOrdinal_andMinutesTakeTheirPluralForm() {
    assertThat(say("ru", 3, Duration.ofMinutes(2)))
        .isEqualTo("Ваш номер в очереди: третий Примерное время ожидания: две минуты.");
    Map<Integer, String> minutes = Map.of(1, "одна минута.", 2, "две минуты.", 5, "пять минут.",
        11, "одиннадцать минут.", 21, "двадцать одна минута.", 22, "двадцать две минуты.",
        25, "двадцать пять минут.", 99, "девяносто девять минут.", 14, "четырнадцать минут.",
        44, "сорок четыре минуты.");
    minutes.forEach((n, words) -> assertThat(say("ru", 1, Duration.ofMinutes(n))).as("%d min", n)
        .endsWith("ожидания: " + words));
    assertThat(say("ru", 23, null)).isEqualTo("Ваш номер в очереди: двадцать третий");
    assertThat(say("ru", 40, null)).isEqualTo("Ваш номер в очереди: сороковой");
    assertThat(say("ru", 12, null)).isEqualTo("Ваш номер в очереди: двенадцатый");
    assertThat(say("ru", 100, Duration.ofHours(3))).isEqualTo("Ваш номер в очереди больше девяноста девяти. "
        + "Примерное время ожидания: более девяноста девяти минут.");
  }

  @Test
  void ukrainian_positionIsAnOrdinal_andMinutesTakeTheirPluralForm() {
    assertThat(say("uk", 3, Duration.ofMinutes(2)))
        .isEqualTo("Ваш номер у черзі: третій Орієнтовний час очікування: дві хвилини.");
    Map<Integer, String> minutes = Map.of(1, "одна хвилина.", 2, "дві хвилини.", 5, "п'ять хвилин.",
        11, "одинадцять хвилин.", 21, "двадцять одна хвилина.", 22, "двадцять дві хвилини.",
        25, "двадцять п'ять хвилин.", 99, "дев'яносто дев'ять хвилин.", 12, "дванадцять хвилин.",
        53, "п'ятдесят три хвилини.");
    minutes.forEach((n, words) -> assertThat(say("uk", 1, Duration.ofMinutes(n))).as("%d min", n)
        .endsWith("очікування: " + words));
    assertThat(say("uk", 99, null)).isEqualTo("Ваш номер у черзі: дев'яносто дев'ятий");
    assertThat(say("uk", 150, Duration.ofMinutes(250))).isEqualTo("Ваш номер у черзі понад дев'яносто дев'ять. "
        + "Орієнтовний час очікування: понад дев'яносто дев'ять хвилин.");
  }

  @Test
  void waitIsRoundedUpToWholeMinutes_atLeastOne() {
    assertThat(Announcements.minutesRoundedUp(Duration.ZERO)).isEqualTo(1);
    assertThat(Announcements.minutesRoundedUp(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(Announcements.minutesRoundedUp(Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(Announcements.minutesRoundedUp(Duration.ofMillis(60_001))).isEqualTo(2);
    assertThat(Announcements.minutesRoundedUp(Duration.ofSeconds(119))).isEqualTo(2);
    assertThat(Announcements.minutesRoundedUp(Duration.ofSeconds(121))).isEqualTo(3);
    assertThat(Announcements.position("en", 2, Optional.of(Duration.ofSeconds(61))))
        .containsExactly("queue-position", "num-2", "queue-position-end", "wait-time", "num-2", "minute-many");
    assertThat(say("ru", 1, Duration.ofSeconds(20 * 60 + 1))).endsWith("двадцать одна минута.");
    assertThat(say("uk", 1, Duration.ofMinutes(99).plusSeconds(1))).endsWith("понад дев'яносто дев'ять хвилин.");
  }

  @Test
  void everyPositionAndWaitUpTo99_isSpokenWithClipsThatExist() {
    Prompts prompts = Prompts.load(null);
    for (String lang : Prompts.LANGUAGES) {
      for (int n = 1; n <= 120; n++) {
        for (String id : Announcements.position(lang, n, Optional.of(Duration.ofMinutes(n)))) {
          assertThat(prompts.ids(lang)).as("%s/%s for %d", lang, id, n).contains(id);
        }
      }
    }
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> Announcements.position("de", 1, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("en, ru or uk");
    assertThatThrownBy(() -> Announcements.position("en", 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> Announcements.position("en", 1, Optional.of(Duration.ofSeconds(-1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }
}
