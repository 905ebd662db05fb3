package io.switchboard.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headset check page on its own: the echo resource is faked by a second page whose RTCPeerConnection sends
 * back what it receives, so the page's signalling, stats, tone detector, Stop and language switch are checked
 * whatever state the server's media endpoint is in. HeadsetCheckTest does the same against the real server.
 */
class HeadsetCheckPageTest {

  private static final String ECHO_LOCATION = "/api/media/echo/fake-1";
  private static final String TOKEN = "page-test-token";

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
  void againstAnEchoPeer_pageHearsTheToneShowsStats_andStopDeletesTheResource() {
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setPermissions(List.of("microphone")).setLocale("en-US"))) {
      Page echo = context.newPage();
      echo.route(ClasspathWebroot.ORIGIN + "/**", ClasspathWebroot::serve);
      echo.navigate(ClasspathWebroot.ORIGIN + ClasspathWebroot.BLANK);

      Page page = context.newPage();
      page.onConsoleMessage(m -> System.out.println("[page console." + m.type() + "] " + m.text()));
      List<String> echoRequests = new CopyOnWriteArrayList<>();
      page.route(ClasspathWebroot.ORIGIN + "/**", route -> {
        if (route.request().url().contains("/api/media/echo")) answerAsEcho(route, echo, echoRequests);
        else if (route.request().url().endsWith("/api/login")) answerLogin(route);
        else ClasspathWebroot.serve(route);
      });
      page.navigate(ClasspathWebroot.ORIGIN + "/headset-check.html");

      // The echo test allocates server media, so it is for signed-in users: the page asks first.
      assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start").setExact(true)))
          .isHidden();
      page.getByLabel("Username").fill("alice");
      page.getByLabel("Password").fill("secret");
      page.getByLabel("Password").press("Enter");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start").setExact(true)).click();
      page.waitForFunction("async () => (await window.headsetCheck.stats())?.dtlsState === 'connected'", null,
          new Page.WaitForFunctionOptions().setTimeout(20_000).setPollingInterval(100));
      page.waitForFunction("() => window.headsetCheck.toneLevel(440) > 0.6", null,
          new Page.WaitForFunctionOptions().setTimeout(15_000).setPollingInterval(100));
      List<?> levels = (List<?>) page.evaluate("() => [440, 1000].map(f => window.headsetCheck.toneLevel(f))");
      assertThat(((Number) levels.get(1)).doubleValue()).as("power at 1000 Hz").isLessThan(0.05);

      assertThat(page.locator("#metric-dtls")).hasText("connected");
      assertThat(page.locator("#metric-rtt")).hasText(Pattern.compile("^\\d+ ms$"));
      assertThat(page.locator("#metric-loss")).hasText(Pattern.compile("^\\d+\\.\\d %$"));
      assertThat(echoRequests).containsExactly("POST application/sdp Bearer " + TOKEN);
      @SuppressWarnings("unchecked")
      Map<String, Object> stats = (Map<String, Object>) page.evaluate("() => window.headsetCheck.stats()");
      assertThat(stats.get("codec")).as("G.711 only is offered").isIn("audio/PCMU", "audio/PCMA");

      // The language switch re-translates live values too, and keeps the choice in the address.
      page.getByLabel("Language").selectOption("uk");
      assertThat(page.locator("#metric-dtls")).hasText("підключено");
      assertThat(page).hasURL(Pattern.compile("\\?lang=uk$"));

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Зупинити").setExact(true)).click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText(Pattern.compile("^Перевірку зупинено"));
      page.waitForCondition(() -> echoRequests.size() == 2);
      assertThat(echoRequests.get(1)).isEqualTo("DELETE " + ECHO_LOCATION + " Bearer " + TOKEN);
      assertThat(page.evaluate("() => document.activeElement.id")).as("focus moves to Start").isEqualTo("start");
    }
  }

  /** Plays the server's {@code POST /api/login} (docs/protocol.md "Login"): any name and password sign in. */
  private static void answerLogin(Route route) {
    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(
        "{\"token\":\"" + TOKEN + "\",\"agent\":{\"id\":\"a-alice\",\"username\":\"alice\",\"name\":\"Alice\","
            + "\"roles\":[\"agent\"]},\"expiresInSeconds\":3600}"));
  }

  /** Plays the server's echo resource: the offer goes to the echo page, whose answer (all candidates in) comes back. */
  private static void answerAsEcho(Route route, Page echo, List<String> log) {
    Request request = route.request();
    if (!request.method().equals("POST")) {
      log.add(request.method() + " " + java.net.URI.create(request.url()).getPath() + " "
          + request.headerValue("authorization"));
      route.fulfill(new Route.FulfillOptions().setStatus(204));
      return;
    }
    log.add("POST " + request.headerValue("content-type") + " " + request.headerValue("authorization"));
    String answer = (String) echo.evaluate("""
        async offer => {
          const pc = new RTCPeerConnection();
          await pc.setRemoteDescription({ type: 'offer', sdp: offer });
          const [transceiver] = pc.getTransceivers();
          transceiver.direction = 'sendrecv';
          await transceiver.sender.replaceTrack(transceiver.receiver.track);
          // Chromium pulls a remote audio track (and so feeds the sender) only while something plays it.
          const player = new Audio();
          player.srcObject = new MediaStream([transceiver.receiver.track]);
          player.play();
          await pc.setLocalDescription(await pc.createAnswer());
          if (pc.iceGatheringState !== 'complete') {
            await new Promise(done => pc.addEventListener('icegatheringstatechange',
                () => pc.iceGatheringState === 'complete' && done()));
          }
          window.echoPeer = pc;
          return pc.localDescription.sdp;
        }""", request.postData());
    route.fulfill(new Route.FulfillOptions()
        .setStatus(201)
        .setHeaders(Map.of("Location", ECHO_LOCATION, "Content-Type", "application/sdp"))
        .setBody(answer));
  }
}
