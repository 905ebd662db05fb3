package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's Goertzel tone detector in a real browser, fed by a WebAudio oscillator — no server, no network: the
 * web client's files are served to the browser straight from the classpath.
 */
class ToneDetectorTest {

  @TempDir
  static Path wavDir;
  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void launch() throws IOException {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(wavDir, 440));
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @Test
  void toneDetector_hearsAnOscillatorAtItsFrequencyOnly() {
    Page page = browser.newPage();
    page.route(ClasspathWebroot.ORIGIN + "/**", ClasspathWebroot::serve);
    page.navigate(ClasspathWebroot.ORIGIN + ClasspathWebroot.BLANK);
    page.evaluate("""
        async f => {
          const { ToneDetector } = await import('/js/tone-detector.js');
          const ctx = new AudioContext();
          const oscillator = new OscillatorNode(ctx, { frequency: f });
          const out = new MediaStreamAudioDestinationNode(ctx);
          oscillator.connect(out);
          oscillator.start();
          await ctx.resume();
          window.detector = new ToneDetector(out.stream);
          await window.detector.resume();
        }""", 440);

    page.waitForFunction("() => window.detector.toneLevel(440) > 0.9", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000).setPollingInterval(50));
    List<?> levels = (List<?>) page.evaluate("() => [440, 660, 1000].map(f => window.detector.toneLevel(f))");
    assertThat(((Number) levels.get(0)).doubleValue()).isGreaterThan(0.9);
    assertThat(((Number) levels.get(1)).doubleValue()).isLessThan(0.01);
    assertThat(((Number) levels.get(2)).doubleValue()).isLessThan(0.01);
    assertThat(((Number) page.evaluate("() => window.detector.levelDbfs()")).doubleValue())
        .as("a full-scale sine is at about −3 dBFS RMS").isBetween(-4.0, -2.0);
  }
}
