package io.switchboard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.testpeer.Goertzel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {
  /** Every prompt the call flows (routing.md) and the voicemail need, in every language. */
  static final List<String> FLOW_PROMPTS = List.of("welcome", "calls-recorded", "main-menu", "invalid-choice",
      "refused", "goodbye", "after-hours", "voicemail-greeting", "voicemail-saved", "callback-offer",
      "callback-booked", "csat-question", "csat-thanks", "all-busy", "queue-full", "beep");

  private static Prompts builtIn;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    builtIn = Prompts.load(null);
  }

  /** What a language must have: the flow prompts and every piece any announcement can ask for. */
  static Set<String> required(String lang) {
    Set<String> ids = new TreeSet<>(FLOW_PROMPTS);
    for (int position = 1; position <= 101; position++) {
      for (int minutes : new int[] {1, 2, 5, 11, 21, 22, 25, 37, 40, 99, 100}) {
        ids.addAll(Announcements.position(lang, position, Optional.of(Duration.ofMinutes(minutes))));
      }
    }
    return ids;
  }

  @Test
  void everyPromptExistsInEveryLanguage_asAnAudible8kHzClipOfPlausibleLength() {
    for (String lang : Prompts.LANGUAGES) {
      Set<String> required = required(lang);
      assertThat(builtIn.ids(lang)).as(lang).containsAll(required);
      for (String id : builtIn.ids(lang)) {
        Clip clip = builtIn.clip(lang, id).orElseThrow();
        assertThat(clip.lang()).as("%s/%s is recorded in its own language", lang, id).isEqualTo(lang);
        assertThat(clip.duration()).as("%s/%s length", lang, id)
            .isBetween(Duration.ofMillis(200), Duration.ofSeconds(15));
        assertThat(TestWavs.rms(clip.samples())).as("%s/%s RMS", lang, id).isGreaterThan(1000);
      }
    }
  }

  @Test
  void builtInPromptsAreSmall() throws Exception {
    // The WAVs are committed: keep the three languages well under 3 MB (they are G.711 µ-law, 8 kB a second).
    long bytes = 0;
    int clips = 0;
    for (String lang : Prompts.LANGUAGES) {
      for (String id : builtIn.ids(lang)) {
        try (var in = Prompts.class.getClassLoader().getResourceAsStream("prompts/" + lang + "/" + id + ".wav")) {
          bytes += in.readAllBytes().length;
          clips++;
        }
      }
    }
    assertThat(clips).isGreaterThan(150);
    assertThat(bytes).isLessThan(2_500_000);
  }

  @Test
  void beepIsA1kHzTone() {
    for (String lang : Prompts.LANGUAGES) {
      short[] beep = builtIn.clip(lang, "beep").orElseThrow().samples();
      assertThat(Goertzel.relativePower(beep, beep.length, 1000, 8000)).isGreaterThan(0.9);
    }
  }

  @Test
  void aRecordingInTheOverrideFolder_replacesTheBuiltInOne_andLeavesTheOthers() throws Exception {
    TestWavs.write(dir.resolve("ru/welcome.wav"), TestWavs.pcm16(8000, 1, TestWavs.tone(8000, 1.0, 8000, 700)));

    Prompts prompts = Prompts.load(dir);

    Clip welcome = prompts.clip("ru", "welcome").orElseThrow();
    assertThat(welcome.duration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(Goertzel.relativePower(welcome.samples(), welcome.samples().length, 700, 8000)).isGreaterThan(0.95);
    assertThat(prompts.clip("uk", "welcome").orElseThrow().samples())
        .isEqualTo(builtIn.clip("uk", "welcome").orElseThrow().samples());
    assertThat(prompts.clip("ru", "goodbye").orElseThrow().samples())
        .isEqualTo(builtIn.clip("ru", "goodbye").orElseThrow().samples());
  }

  @Test
  void overrideFolderMayAddIdsAndLanguages_andAMissingFolderIsNoOverride() throws Exception {
    TestWavs.write(dir.resolve("en/holiday.wav"), TestWavs.pcm16(8000, 1, TestWavs.tone(8000, 0.5, 8000, 700)));
    TestWavs.write(dir.resolve("de/welcome.wav"), TestWavs.pcm16(8000, 1, TestWavs.tone(8000, 0.5, 8000, 900)));
    Files.writeString(dir.resolve("README.txt"), "not a prompt");

    Prompts prompts = Prompts.load(dir);

    assertThat(prompts.ids("en")).contains("holiday", "welcome");
    assertThat(prompts.languages()).contains("de", "en", "ru", "uk");
    assertThat(prompts.clip("de", "welcome").orElseThrow().lang()).isEqualTo("de");
    assertThat(Prompts.load(dir.resolve("absent")).ids("en")).isEqualTo(builtIn.ids("en"));
  }

  @Test
  void aClipMissingInRussian_fallsBackToEnglish_withOneWarning() throws Exception {
    TestWavs.write(dir.resolve("en/holiday.wav"), TestWavs.pcm16(8000, 1, TestWavs.tone(8000, 0.5, 8000, 700)));
    Prompts prompts = Prompts.load(dir);
    List<LogRecord> warnings = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel() == Level.WARNING) {
          warnings.add(r);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger logger = Logger.getLogger(Prompts.class.getName());
    logger.addHandler(handler);
    try {
      Clip clip = prompts.clip("ru", "holiday").orElseThrow();
      prompts.clip("ru", "holiday");

      assertThat(clip.lang()).isEqualTo("en");
      assertThat(clip.id()).isEqualTo("holiday");
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).getMessage()).contains("ru/holiday");
      assertThat(prompts.clip("ru", "no-such-prompt")).isEmpty();
      assertThat(prompts.clips("uk", List.of("goodbye", "no-such-prompt", "holiday")))
          .extracting(c -> c.lang() + "/" + c.id()).containsExactly("uk/goodbye", "en/holiday");
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void aRecordingAt16kHz_isResampledWithALowPass_soNothingAboveTheBandFoldsIn() throws Exception {
    // 1 kHz stays; 5 kHz is above the 4 kHz limit of 8 kHz audio and would alias to 3 kHz if simply decimated.
    TestWavs.write(dir.resolve("en/welcome.wav"),
        TestWavs.pcm16(16000, 1, TestWavs.tone(16000, 1.0, 6000, 1000, 5000)));
    TestWavs.write(dir.resolve("en/goodbye.wav"),
        TestWavs.pcm16(44100, 1, TestWavs.tone(44100, 1.0, 6000, 1000, 5000)));

    Prompts prompts = Prompts.load(dir);

    for (String id : List.of("welcome", "goodbye")) {
      short[] s = prompts.clip("en", id).orElseThrow().samples();
      assertThat(s.length).as(id).isBetween(7999, 8000);
      short[] middle = Arrays.copyOfRange(s, 1000, 7000);
      assertThat(Goertzel.relativePower(middle, middle.length, 1000, 8000)).as(id).isGreaterThan(0.98);
      assertThat(Goertzel.relativePower(middle, middle.length, 3000, 8000)).as(id).isLessThan(0.001);
      // The pass band keeps its level (a 6000 amplitude sine has an RMS of 4243).
      assertThat(TestWavs.rms(middle)).as(id).isBetween(4000.0, 4400.0);
    }
  }

  @Test
  void g711MuLawRecordingsAreAccepted() throws Exception {
    short[] tone = TestWavs.tone(8000, 0.5, 8000, 700);
    byte[] ulaw = new byte[tone.length];
    for (int i = 0; i < tone.length; i++) {
      ulaw[i] = io.switchboard.media.codec.G711.linearToUlaw(tone[i]);
    }
    TestWavs.write(dir.resolve("uk/beep.wav"), TestWavs.wav(7, 1, 8000, 8, ulaw));

    short[] s = Prompts.load(dir).clip("uk", "beep").orElseThrow().samples();

    assertThat(s).hasSize(4000);
    assertThat(Goertzel.relativePower(s, s.length, 700, 8000)).isGreaterThan(0.95);
  }

  @Test
  void malformedRecordings_areRejectedWithAMessageNamingTheFile() throws Exception {
    short[] tone = TestWavs.tone(8000, 0.5, 8000, 700);
    byte[] good = TestWavs.pcm16(8000, 1, tone);
    record Bad(String name, byte[] bytes, String why) {
    }
    List<Bad> cases = List.of(
        new Bad("garbage", "this is not audio at all".getBytes(), "not a RIFF/WAVE file"),
        new Bad("stereo", TestWavs.pcm16(8000, 2, tone), "2 channels"),
        new Bad("eight-bit", TestWavs.wav(1, 1, 8000, 8, new byte[4000]), "8-bit PCM"),
        new Bad("float", TestWavs.wav(3, 1, 8000, 32, new byte[4000]), "32-bit float"),
        new Bad("mp3", TestWavs.wav(0x55, 1, 8000, 0, new byte[4000]), "compressed format 0x55"),
        new Bad("too-slow", TestWavs.pcm16(4000, 1, tone), "sample rate 4000 Hz"),
        new Bad("truncated", Arrays.copyOf(good, good.length - 100), "truncated"),
        new Bad("empty", TestWavs.pcm16(8000, 1, new short[0]), "no audio"));
    for (Bad bad : cases) {
      Path folder = dir.resolve(bad.name());
      Path file = TestWavs.write(folder.resolve("en/welcome.wav"), bad.bytes());
      assertThatThrownBy(() -> Prompts.load(folder)).as(bad.name())
          .isInstanceOf(InvalidPromptException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining(bad.why());
    }
  }

  @Test
  void misplacedOrMisnamedRecordings_areRejectedWithAMessageNamingTheFile() throws Exception {
    byte[] good = TestWavs.pcm16(8000, 1, TestWavs.tone(8000, 0.5, 8000, 700));
    Path upper = TestWavs.write(dir.resolve("a/en/Welcome.wav"), good);
    assertThatThrownBy(() -> Prompts.load(dir.resolve("a"))).isInstanceOf(InvalidPromptException.class)
        .hasMessageContaining(upper.toString()).hasMessageContaining("lower case");
    Path loose = TestWavs.write(dir.resolve("b/welcome.wav"), good);
    assertThatThrownBy(() -> Prompts.load(dir.resolve("b"))).isInstanceOf(InvalidPromptException.class)
        .hasMessageContaining(loose.toString()).hasMessageContaining("language folder");
    Path badLang = TestWavs.write(dir.resolve("c/English/welcome.wav"), good);
    assertThatThrownBy(() -> Prompts.load(dir.resolve("c"))).isInstanceOf(InvalidPromptException.class)
        .hasMessageContaining(badLang.toString()).hasMessageContaining("language folder");
  }
}
