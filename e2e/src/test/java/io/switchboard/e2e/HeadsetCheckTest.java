package io.switchboard.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's headset check against the real server and a real browser: Chromium's fake microphone plays a tone,
 * the server's echo resource sends it back over DTLS-SRTP, and the page's Goertzel detector must hear that tone.
 */
class HeadsetCheckTest extends RunningServerTest {

  static final int A4 = 440;
  static final int E5 = 660;
  static final int UNRELATED = 1000;

  @TempDir
  static Path wavDir;
  static Path tone440;
  static Path tone660;

  static final String USER = "headset-agent";
  static final String PASSWORD = "headset-check-password";

  @BeforeEach
  void addTheAgent() throws Exception {
    await(server.store().saveAgent(new AgentAccount("a-headset", USER, "Headset Agent", Passwords.hash(PASSWORD))));
  }

  @BeforeAll
  static void writeTones() throws IOException {
    tone440 = ToneWav.write(wavDir, A4);
    tone660 = ToneWav.write(wavDir, E5);
  }

  @Test
  void headsetCheck_browserHearsItsOwn440HzToneBack() {
    Browser browser = FakeMicrophoneChromium.launch(playwright, tone440);
    try (browser; HeadsetCheckPage agent = HeadsetCheckPage.open(browser, baseUrl(), "agent", USER, PASSWORD)) {
      agent.startWithKeyboard();

      agent.awaitDtlsConnected();
      agent.awaitHearing(A4);
      double[] levels = agent.toneLevels(A4, UNRELATED);
      assertThat(levels[0]).as("power at 440 Hz").isGreaterThan(HeadsetCheckPage.HEARD);
      assertThat(levels[1]).as("power at 1000 Hz").isLessThan(HeadsetCheckPage.NOT_HEARD);

      Map<String, Object> stats = agent.stats();
      assertThat(stats.get("codec")).as("negotiated codec").isIn("audio/PCMU", "audio/PCMA");
      assertThat(((Number) stats.get("remotePort")).intValue()).isEqualTo(server.webRtcPort());
      assertThat(agent.page().locator("#metric-rtt"))
          .hasText(Pattern.compile("^\\d+ ms$"), new LocatorAssertions.HasTextOptions().setTimeout(10_000));
      assertThat(agent.page().getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
          .hasText("Connected. Speak into your microphone — you should hear yourself.");

      agent.clickStop();
      agent.awaitServerSessions(0);
      assertThat(agent.startButton()).isEnabled();
      assertThat(agent.stopButton()).isDisabled();
    }
  }

  @Test
  void twoBrowsersAtOnce_shareTheOneUdpPort() throws Exception {
    // Chromium takes one fake-microphone file per process, so two voices need two browsers.
    Browser first = FakeMicrophoneChromium.launch(playwright, tone440);
    Browser second = FakeMicrophoneChromium.launch(playwright, tone660);
    try (first; second;
         HeadsetCheckPage hears440 = HeadsetCheckPage.open(first, baseUrl(), "440 Hz", USER, PASSWORD);
         HeadsetCheckPage hears660 = HeadsetCheckPage.open(second, baseUrl(), "660 Hz", USER, PASSWORD)) {
      hears440.clickStart();
      hears660.clickStart();
      hears440.awaitDtlsConnected();
      hears660.awaitDtlsConnected();

      // Each must get its own voice back, never the other's: the one port demultiplexes correctly.
      hears440.awaitHearing(A4);
      hears660.awaitHearing(E5);
      double[] firstLevels = hears440.toneLevels(A4, E5);
      double[] secondLevels = hears660.toneLevels(E5, A4);
      assertThat(firstLevels[0]).as("first browser hears 440 Hz").isGreaterThan(HeadsetCheckPage.HEARD);
      assertThat(firstLevels[1]).as("first browser hears no 660 Hz").isLessThan(HeadsetCheckPage.NOT_HEARD);
      assertThat(secondLevels[0]).as("second browser hears 660 Hz").isGreaterThan(HeadsetCheckPage.HEARD);
      assertThat(secondLevels[1]).as("second browser hears no 440 Hz").isLessThan(HeadsetCheckPage.NOT_HEARD);

      // Both selected candidate pairs end on the server's one WebRTC port...
      assertThat(((Number) hears440.stats().get("remotePort")).intValue()).isEqualTo(server.webRtcPort());
      assertThat(((Number) hears660.stats().get("remotePort")).intValue()).isEqualTo(server.webRtcPort());
      // ...and the server sees two sessions there, each with its own resource.
      JsonObject webrtc = getJson("/health").getJsonObject("webrtc");
      assertThat(webrtc.getInteger("port")).isEqualTo(server.webRtcPort());
      assertThat(webrtc.getInteger("sessions")).isEqualTo(2);
      String firstResource = (String) hears440.state().get("resource");
      String secondResource = (String) hears660.state().get("resource");
      assertThat(firstResource).isNotEqualTo(secondResource);
      String token = loginToken(USER, PASSWORD);
      assertThat(getJson(URI.create(firstResource).getPath(), token)).isNotNull();
      assertThat(getJson(URI.create(secondResource).getPath(), token)).isNotNull();

      hears440.clickStop();
      hears660.awaitServerSessions(1);
      hears660.awaitHearing(E5);
    }
  }
}
