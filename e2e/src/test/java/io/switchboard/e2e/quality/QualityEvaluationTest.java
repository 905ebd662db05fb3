package io.switchboard.e2e.quality;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.calls.JavaAgent;
import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.e2e.calls.ToneFile;
import io.switchboard.e2e.calls.Wav;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's quality acceptance, end to end: a real call is made and recorded (SIPp plays 1 kHz as the caller, the
 * Java WebRTC agent Alice 440 Hz), then in Chromium Sam (supervisor and admin) builds a form in the form builder (issue
 * 16: no JSON), picks the call from the recorded calls, hears each channel alone (the tone of that side is measured in
 * the page's audio graph), seeks with a timeline marker and scores the call; Alice signs in, sees the evaluation and
 * acknowledges it.
 */
class QualityEvaluationTest extends RunningServerTest {

  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";

  private Browser browser;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--hotline.time-zone=UTC");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  /** A recorded call: Alice answers and sends 440 Hz, the caller sends 1 kHz for 8 s, then hangs up. */
  private String recordedCall() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 30);
    try (JavaAgent alice = new JavaAgent(vertx, server.httpPort())) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-talks-then-hangs-up.xml", server.sipPort(), DID, CALLER,
          tone, 8000, dataDir)) {
        JsonObject offer = alice.await("call.offer", Duration.ofSeconds(15));
        alice.command(new JsonObject().put("type", "call.answer").put("callId", offer.getString("callId")));
        alice.media().startTone(440);
        alice.await("call.ended", Duration.ofSeconds(45)); // 8 s of talk; generous for a loaded machine
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
        JsonObject record = awaitCallRecord(offer.getString("callId"));
        Path wav = dataDir.resolve("recordings").resolve(record.getJsonObject("recording").getString("file"));
        short[][] channels = Wav.readStereo(wav);
        assertThat(Wav.level(channels[0], 1000)).as("caller (left) 1 kHz").isGreaterThan(0.6);
        assertThat(Wav.level(channels[1], 440)).as("agent (right) 440 Hz").isGreaterThan(0.6);
        return offer.getString("callId");
      }
    }
  }

  @Test
  void supervisorScoresARecordedCall_theAgentSeesItAndAcknowledges() throws Exception {
    String callId = recordedCall();
    browser = FakeMicrophoneChromium.launch(playwright, null);
    Page sam = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 1000)).newPage();
    sam.navigate(baseUrl() + "/quality.html?lang=en");
    signIn(sam, "sam", "sam-demo");

    // Sam is also an admin: he builds the form with fields, never JSON (issue 16).
    buildForm(sam);

    // The recorded calls, filtered by agent; the call just made is there.
    sam.locator("#agent").fill("a-alice");
    sam.locator("#call-filters button[type=submit]").click();
    sam.locator("#calls button[data-call-id='" + callId + "']").click();
    assertThat(sam.locator("#waveform")).hasAttribute("data-state", "ready",
        new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
    assertThat(sam.locator("#waveform canvas").first()).isVisible();

    // The caller's channel alone: 1 kHz, hardly any 440 Hz; then the agent's alone: the other way round.
    sam.locator("label:has(input[name=channel][value=caller])").click();
    sam.evaluate("() => document.getElementById('waveform').player.seek(2)"); // well inside both tones
    sam.locator("#play").click();
    Map<String, Double> caller = listen(sam);
    sam.locator("label:has(input[name=channel][value=agent])").click();
    Map<String, Double> agent = listen(sam);
    sam.locator("#play").click(); // pause
    // (Relative power of the tone in a 4096-sample window of the 8 kHz recording resampled by the browser: the
    // tone of the side chosen measures ≈ 0.3, the other side's below 0.001.)
    assertThat(caller.get("f1000")).as("1 kHz on the caller channel %s", caller).isGreaterThan(0.15);
    assertThat(caller.get("f440")).as("440 Hz on the caller channel %s", caller).isLessThan(0.01);
    assertThat(agent.get("f440")).as("440 Hz on the agent channel %s", agent).isGreaterThan(0.15);
    assertThat(agent.get("f1000")).as("1 kHz on the agent channel %s", agent).isLessThan(0.01);

    // The caller hung up about 8 s into the recording: its timeline marker seeks there.
    sam.locator(".quality-events__seek[data-event=caller_left]").click();
    double at = Double.parseDouble(sam.locator("#position").getAttribute("data-seconds"));
    assertThat(at).isBetween(6.0, 10.0);

    // An unanswered question is refused and pointed at; then the whole form: 10 + 20 + 30 × 3/4 of 60 = 87.5 %.
    sam.locator("#evaluation button[type=submit]").click();
    assertThat(sam.locator(".quality-question[aria-invalid=true]")).hasCount(1);
    assertThat(sam.locator("#evaluation-status")).hasAttribute("data-tone", "error");
    answer(sam, "Greeted the caller", "yes");
    answer(sam, "Verified the caller", "yes");
    answer(sam, "Listened and showed empathy", "4");
    answer(sam, "Solved the problem", "na");
    sam.locator("#comment").fill("Friendly and clear; next time offer the callback earlier.");
    sam.locator("#evaluation button[type=submit]").click();
    assertThat(sam.locator("#evaluation-status")).containsText("87.5 %");
    sam.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "quality-scoring.png"))
        .setFullPage(true));

    // Alice sees it on her evaluations page (linked from the desk), in Ukrainian, and acknowledges it.
    Page alice = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 1000)).newPage();
    alice.navigate(baseUrl() + "/agent.html?lang=uk");
    // (the header's link carries the language once the page's i18n has run: waiting for it avoids a race)
    alice.locator("a[href^='evaluations.html'][href*='lang=uk']").first().click();
    signIn(alice, "alice", "alice-demo");
    assertThat(alice.locator(".evaluation")).hasCount(1);
    assertThat(alice.locator(".evaluation__score")).hasText("87,5 %"); // Ukrainian decimal comma
    assertThat(alice.locator(".evaluation .badge")).hasText("Чекає на оператора");
    assertThat(alice.locator(".evaluation")).containsText("offer the callback earlier");
    alice.locator(".evaluation textarea").fill("Thanks, understood.");
    alice.locator(".evaluation button[value=acknowledge]").click();
    assertThat(alice.locator(".evaluation")).hasAttribute("data-status", "acknowledged");
    assertThat(alice.locator(".evaluation .badge")).hasText("Прийнято");
    alice.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "quality-agent.png"))
        .setFullPage(true));

    String token = loginToken("sam", "sam-demo");
    JsonArray items = getJson("/api/quality/evaluations?agent=a-alice", token).getJsonArray("items");
    assertThat(items).hasSize(1);
    JsonObject stored = items.getJsonObject(0);
    assertThat(stored.getString("callId")).isEqualTo(callId);
    assertThat(stored.getDouble("score")).isEqualTo(87.5);
    assertThat(stored.getString("status")).isEqualTo("acknowledged");
    assertThat(stored.getJsonObject("response").getString("comment")).isEqualTo("Thanks, understood.");

    // The reports show Alice's score for this week.
    sam.navigate(baseUrl() + "/reports.html?lang=en");
    assertThat(sam.locator("#quality tbody tr")).hasCount(1);
    assertThat(sam.locator("#quality tbody tr")).containsText("Alice Smith");
    assertThat(sam.locator("#quality tbody tr")).containsText("87.5 %");
  }

  private static void signIn(Page page, String username, String password) {
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("#signin-form button[type=submit]").click();
    assertThat(page.locator("#content")).isVisible();
  }

  private static void answer(Page page, String question, String value) {
    page.locator(".quality-question:has(legend:has-text(\"" + question + "\")) label:has(input[value='" + value
        + "'])").click();
  }

  /**
   * The form built in the form builder: two sections, a critical yes/no question, two scale questions (one allowing
   * N/A) put in order with the keyboard; a weight of 0 is refused by the server and shown under that weight; then
   * version 1 is saved. Nowhere on the page is there JSON.
   */
  private static void buildForm(Page page) {
    assertThat(page.locator("#forms-admin")).isVisible();
    assertThat(page.locator("#forms-admin textarea")).hasCount(0);
    page.locator("#form-edit-choice").selectOption("");
    field(page, "name").fill("Support calls");
    field(page, "sections[0].title").fill("Opening");
    field(page, "sections[0].questions[0].text").fill("Greeted the caller and gave their name");
    field(page, "sections[0].questions[0].weight").fill("10");
    page.locator("[data-section='0'] [data-action=add-question]").click();
    assertThat(field(page, "sections[0].questions[1].text")).isFocused();
    field(page, "sections[0].questions[1].text").fill("Verified the caller's identity");
    field(page, "sections[0].questions[1].weight").fill("20");
    field(page, "sections[0].questions[1].critical").check();

    page.locator("[data-action=add-section]").click();
    assertThat(field(page, "sections[1].title")).isFocused();
    field(page, "sections[1].title").fill("Solving");
    field(page, "sections[1].questions[0].text").fill("Solved the problem or set the next step");
    field(page, "sections[1].questions[0].weight").fill("40");
    field(page, "sections[1].questions[0].type").selectOption("scale");
    assertThat(field(page, "sections[1].questions[0].scaleMax")).hasValue("5");
    assertThat(field(page, "sections[1].questions[0].critical")).isDisabled(); // a scale cannot be critical
    field(page, "sections[1].questions[0].naAllowed").check();
    page.locator("[data-section='1'] [data-action=add-question]").click();
    field(page, "sections[1].questions[1].text").fill("Listened and showed empathy");
    field(page, "sections[1].questions[1].weight").fill("0");
    field(page, "sections[1].questions[1].type").selectOption("scale");
    // Empathy comes first: moved up by keyboard; the focus stays on the moved question (now first: its "Down").
    page.locator("[data-section='1'] [aria-label='Move question 2 up']").focus();
    page.keyboard().press("Enter");
    assertThat(field(page, "sections[1].questions[0].text")).hasValue("Listened and showed empathy");
    assertThat(page.locator("[data-section='1'] [data-question='0'] [data-move=down]")).isFocused();
    assertThat(field(page, "sections[1].questions[1].naAllowed")).isChecked();
    // A question added by mistake is removed by keyboard; the focus goes to the question before it.
    page.locator("[data-section='1'] [data-action=add-question]").click();
    page.locator("[data-section='1'] [aria-label='Remove question 3']").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("[data-section='1'] .qb-question")).hasCount(2);
    assertThat(field(page, "sections[1].questions[1].text")).isFocused();

    // Weight 0: the server's 422 names sections[1].questions[0].weight and the page shows it under that field.
    page.locator("#form-editor button[type=submit]").click();
    Locator weight = field(page, "sections[1].questions[0].weight");
    assertThat(weight).hasAttribute("aria-invalid", "true");
    assertThat(weight).isFocused();
    assertThat(page.locator(".field:has([data-path='sections[1].questions[0].weight']) .field__error"))
        .containsText("from 1 to 100");
    assertThat(page.locator("#form-status")).hasAttribute("data-tone", "error");
    weight.fill("30");
    page.locator("#form-editor button[type=submit]").click();
    assertThat(page.locator("#form-status")).isVisible();
    assertThat(page.locator("#form-status")).containsText("version 1");
    assertThat(page.locator("#forms-admin .field__error")).hasCount(0);
    assertThat(field(page, "sections[1].questions[0].text")).hasValue("Listened and showed empathy");

    // No JSON: no text box holds a brace and no text of the forms' card shows one.
    assertThat(page.locator("#forms-admin textarea")).hasCount(0);
    Object braces = page.evaluate("() => [...document.querySelectorAll('input, textarea')].filter((e) => "
        + "e.value.includes('{')).length + (document.getElementById('forms-admin').innerText.includes('{') ? 1 : 0)");
    assertThat(((Number) braces).intValue()).as("JSON shown on the page").isZero();
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "quality-form-builder.png"))
        .setFullPage(true));
  }

  private static Locator field(Page page, String path) {
    return page.locator("#form-builder [data-path='" + path + "']");
  }

  /**
   * What plays now, after the channel switch: waits until the player's input carries sound (the audio output may
   * start a moment after playback is asked for) and a fifth of a second more has played, then measures the player's
   * output (its gain node, after the channel graph) with the page's own Goertzel detector.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Double> listen(Page page) {
    Object result = page.evaluate("async () => {"
        + " const { goertzelRelativePower } = await import('/js/tone-detector.js');"
        + " const backend = document.getElementById('waveform').player.ws.backend;"
        + " const analyser = backend.ac.createAnalyser(); analyser.fftSize = 4096;"
        + " backend.gainNode.connect(analyser);"
        + " const input = new Float32Array(backend.analyser.fftSize);"
        + " const rms = (xs) => Math.sqrt(xs.reduce((a, x) => a + x * x, 0) / xs.length);"
        + " const frame = () => new Promise((r) => requestAnimationFrame(r));"
        + " const deadline = performance.now() + 5000;"
        + " do { await frame(); backend.analyser.getFloatTimeDomainData(input); }"
        + " while (rms(input) < 0.01 && performance.now() < deadline);"
        + " const start = backend.getCurrentTime();"
        + " while (backend.getCurrentTime() < start + 0.2 && performance.now() < deadline) { await frame(); }"
        + " const samples = new Float32Array(analyser.fftSize); analyser.getFloatTimeDomainData(samples);"
        + " backend.gainNode.disconnect(analyser);"
        + " return { input: rms(input), output: rms(samples),"
        + "   f1000: goertzelRelativePower(samples, backend.ac.sampleRate, 1000),"
        + "   f440: goertzelRelativePower(samples, backend.ac.sampleRate, 440) };"
        + "}");
    return ((Map<String, Object>) result).entrySet().stream().collect(java.util.stream.Collectors.toMap(
        Map.Entry::getKey, e -> ((Number) e.getValue()).doubleValue()));
  }
}
