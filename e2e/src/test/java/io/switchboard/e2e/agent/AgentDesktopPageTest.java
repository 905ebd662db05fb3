package io.switchboard.e2e.agent;

import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.ClasspathWebroot;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent desktop (agent.html) against a fake server played inside Playwright — the login API by page.route, the
 * agent socket by page.routeWebSocket (FakeAgentServer), the media by a second page's RTCPeerConnection
 * (MediaPeerPage) — so the page's side of docs/protocol.md is checked in real Chromium before the server's socket
 * exists.
 */
class AgentDesktopPageTest {

  static final String CALL_ID = "c-7f3a";
  static final String CALLER = "+493012345678";
  static final String DIALLED = "+4930555000";

  static Playwright playwright;
  static Browser browser;

  BrowserContext context;
  FakeAgentServer server;
  MediaPeerPage mediaPeer;
  AgentDesktopPage agent;

  @BeforeAll
  static void launch() {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = FakeMicrophoneChromium.launch(playwright, null);
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @BeforeEach
  void openPages() {
    context = browser.newContext(new Browser.NewContextOptions()
        .setPermissions(List.of("microphone"))
        .setLocale("en-US")
        .setViewportSize(1280, 860));
    mediaPeer = new MediaPeerPage(context);
    server = new FakeAgentServer(mediaPeer);
    Page page = context.newPage();
    page.onConsoleMessage(m -> System.out.println("[agent console." + m.type() + "] " + m.text()));
    page.onPageError(e -> System.out.println("[agent page error] " + e));
    page.route(ClasspathWebroot.ORIGIN + "/**", ClasspathWebroot::serve);
    server.install(page);
    agent = new AgentDesktopPage(page);
  }

  @AfterEach
  void closePages() {
    context.close();
  }

  @Test
  void wholeShift_loginReadyRingAnswerHoldMuteDtmfCallerHangsUp_logout() {
    agent.open("en");
    assertThat(agent.page().getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
        new Page.GetByRoleOptions().setName("Start your shift"))).isVisible();
    agent.signIn(FakeAgentServer.USERNAME, FakeAgentServer.PASSWORD);

    // welcome → the page offers its shift-long media session at once, and Ready waits for it.
    agent.awaitState("s.loggedIn && s.socket === 'open'");
    JsonObject auth = server.received().get(0);
    assertThat(auth.getString("type")).as("first frame").isEqualTo("auth");
    assertThat(auth.getString("token")).isEqualTo(FakeAgentServer.TOKEN);
    assertThat(agent.page().locator("#agent-name")).hasText("Alice Smith");
    assertThat(agent.stateBadge()).hasText("Not ready · Just logged in");
    agent.awaitState("s.media === 'connected'");
    agent.awaitDtlsConnected();
    assertThat(server.received("media.offer")).hasSize(1);
    assertThat(server.received("media.offer").get(0).getString("sdp")).contains("m=audio").contains("a=sendrecv");
    assertThat(agent.page().locator("#media-pill")).hasText("Audio: connected");
    assertThat(agent.page().locator("#metric-dtls")).hasText("connected");
    assertThat(agent.toneLevel(MediaPeerPage.CALLER_TONE_HZ)).as("no call, no caller voice").isLessThan(AgentDesktopPage.NOT_HEARD);
    agent.page().waitForCondition(() -> mediaPeer.packetsFromAgent() > 0);
    agent.screenshot("en-1-not-ready");

    agent.button("Ready").click();
    agent.page().waitForCondition(() -> server.received("state.set").size() == 1);
    JsonObject ready = server.received("state.set").get(0);
    assertThat(ready.getString("state")).isEqualTo("ready");
    assertThat(ready.getString("id")).as("requests carry an id for their ack").isNotBlank();
    assertThat(agent.stateBadge()).hasText("Ready");
    assertThat(agent.button("Ready")).isDisabled();
    agent.screenshot("en-2-ready");

    server.offerCall(CALL_ID, CALLER, DIALLED, "Support", 15);
    agent.awaitState("s.ringing !== null && s.ringtone");
    assertThat(agent.page().locator("#ringing-from")).hasText(CALLER);
    assertThat(agent.page().locator("#ringing-to")).hasText(DIALLED);
    assertThat(agent.page().locator("#ringing-queue")).hasText("Support");
    assertThat(agent.page().locator("#ringing-countdown")).hasText(Pattern.compile("^00:1[0-5]$"));
    assertThat(agent.page().locator("#announce-urgent")).containsText("Incoming call from " + CALLER);
    assertThat(agent.stateBadge()).hasText("Ringing");
    assertThat(agent.focusedId()).as("focus lands on Answer for keyboard users").isEqualTo("answer");
    @SuppressWarnings("unchecked")
    Map<String, Object> ringing = (Map<String, Object>) agent.state().get("ringing");
    assertThat(ringing).containsEntry("callId", CALL_ID).containsEntry("from", CALLER)
        .containsEntry("to", DIALLED).containsEntry("queue", "Support");
    agent.screenshot("en-3-ringing");

    agent.button("Answer").click();
    agent.page().waitForCondition(() -> server.received("call.answer").size() == 1);
    assertThat(server.received("call.answer").get(0).getString("callId")).isEqualTo(CALL_ID);
    agent.awaitState("s.call !== null && !s.ringtone");
    assertThat(agent.page().locator("#call-from")).hasText(CALLER);
    assertThat(agent.page().locator("#call-timer")).hasText(Pattern.compile("^00:0\\d$"));
    assertThat(agent.stateBadge()).hasText("On call");
    // The caller's voice arrives over the session set up at login: no renegotiation per call.
    agent.awaitHearing(MediaPeerPage.CALLER_TONE_HZ);
    assertThat(server.received("media.offer")).hasSize(1);

    agent.button("Hold").click();
    assertThat(agent.button("Hold")).hasAttribute("aria-pressed", "true");
    assertThat(agent.page().locator("#flag-held")).isVisible();
    agent.button("Hold").click();
    assertThat(agent.button("Hold")).hasAttribute("aria-pressed", "false");
    agent.button("Mute").click();
    assertThat(agent.button("Mute")).hasAttribute("aria-pressed", "true");
    assertThat(agent.page().locator("#flag-muted")).isVisible();
    assertThat(server.received("call.hold").stream().map(f -> f.getBoolean("on")).toList()).containsExactly(true, false);
    assertThat(server.received("call.mute")).singleElement()
        .satisfies(f -> assertThat(f.getString("callId")).isEqualTo(CALL_ID))
        .satisfies(f -> assertThat(f.getBoolean("on")).isTrue());

    agent.button("Keypad").click();
    assertThat(agent.button("Keypad")).hasAttribute("aria-expanded", "true");
    agent.button("1").click();
    agent.button("2").click();
    agent.button("Hash").click();
    agent.page().waitForCondition(() -> server.received("call.dtmf").size() == 3);
    assertThat(server.received("call.dtmf").stream().map(f -> f.getString("digits")).toList()).containsExactly("1", "2", "#");
    assertThat(server.received("call.dtmf")).allSatisfy(f -> assertThat(f.getString("callId")).isEqualTo(CALL_ID));
    assertThat(agent.page().locator("#dtmf-sent")).hasText("12#");
    agent.screenshot("en-4-in-call");
    agent.page().setViewportSize(390, 844);
    agent.screenshot("en-6-narrow-in-call");
    agent.page().setViewportSize(1280, 860);

    // The language switch redraws live state too.
    agent.chooseLanguage("ru");
    assertThat(agent.stateBadge()).hasText("Разговор");
    assertThat(agent.button("Удержание")).isVisible();
    agent.screenshot("ru-4-in-call");
    agent.chooseLanguage("uk");
    assertThat(agent.button("Утримання")).isVisible();
    agent.screenshot("uk-4-in-call");
    agent.chooseLanguage("ru");

    server.callerHangsUp(42);
    agent.awaitState("s.call === null && s.lastEnded !== null && s.agentState === 'ready'");
    @SuppressWarnings("unchecked")
    Map<String, Object> ended = (Map<String, Object>) agent.state().get("lastEnded");
    assertThat(ended).containsEntry("callId", CALL_ID).containsEntry("by", "caller").containsEntry("durationSeconds", 42);

    // The wrap-up form opens for the call that ended; a disposition is required, saved from the keyboard.
    assertThat(agent.state()).containsEntry("wrapUp", CALL_ID);
    assertThat(agent.page().locator("#wrap-up")).isVisible();
    assertThat(agent.focusedId()).as("focus leaves the vanished keypad for the form").isEqualTo("wrap-up-heading");
    assertThat(agent.page().locator("#wrap-up-disposition option")).hasText(new String[] {"Выберите…", "Решено", "Жалоба"});
    agent.page().keyboard().press("Alt+KeyS");
    assertThat(agent.page().locator("#wrap-up-disposition-error")).hasText("Выберите результат звонка.");
    assertThat(agent.focusedId()).isEqualTo("wrap-up-disposition");
    assertThat(server.wrapUps()).isEmpty();
    agent.page().selectOption("#wrap-up-disposition", "complaint");
    agent.page().locator("#wrap-up-notes").fill("Звонил по счёту");
    agent.page().locator("#wrap-up-fcr").check();
    agent.screenshot("ru-5-wrap-up");
    agent.page().keyboard().press("Alt+KeyS");
    agent.awaitState("s.wrapUp === null");
    JsonObject saved = server.wrapUps().get(0);
    assertThat(saved.getString("callId")).isEqualTo(CALL_ID);
    assertThat(saved.getString("authorization")).isEqualTo("Bearer " + FakeAgentServer.TOKEN);
    assertThat(saved.getJsonObject("body")).isEqualTo(new JsonObject().put("disposition", "complaint")
        .put("notes", "Звонил по счёту").put("firstContactResolution", true));
    assertThat(agent.page().locator("#last-call")).hasText("Звонок с " + CALLER + " завершил абонент · 00:42");
    assertThat(agent.page().locator("#idle-title")).hasText("Ожидание звонков");
    assertThat(agent.focusedId()).as("focus leaves the vanished keypad for the idle view").isEqualTo("idle-title");
    agent.page().waitForCondition(() -> agent.toneLevel(MediaPeerPage.CALLER_TONE_HZ) < AgentDesktopPage.NOT_HEARD);
    agent.screenshot("ru-2-ready-after-call");

    // A second call, declined from the keyboard.
    server.offerCall("c-8b21", "+380441234567", DIALLED, "Sales", 20);
    agent.awaitState("s.ringing !== null");
    assertThat(agent.page().locator("#ringing-from")).hasText("+380441234567");
    agent.screenshot("ru-3-ringing");
    agent.page().keyboard().press("Alt+KeyR");
    agent.page().waitForCondition(() -> server.received("call.reject").size() == 1);
    assertThat(server.received("call.reject").get(0).getString("callId")).isEqualTo("c-8b21");
    agent.awaitState("s.ringing === null && !s.ringtone");
    assertThat(agent.page().locator("#last-call")).containsText("Вы отклонили звонок с +380441234567");

    agent.chooseLanguage("en");
    agent.button("Log out").click();
    assertThat(agent.page().locator("#login-view")).isVisible();
    assertThat(agent.loginError()).hasText("You have logged out. See you next shift!");
    agent.page().waitForCondition(() -> server.pageCloses().contains(1000));
    assertThat(agent.page().evaluate("() => Object.keys(sessionStorage).length")).as("token forgotten").isEqualTo(0);
    assertThat(agent.state()).containsEntry("loggedIn", false).containsEntry("socket", "closed").containsEntry("media", "new");
    assertThat(server.received("media.offer")).as("one media session for the whole shift").hasSize(1);
  }

  @Test
  void loginErrors_areShownInTheAgentsLanguage() {
    agent.open("en");
    agent.signIn(FakeAgentServer.USERNAME, "wrong");
    assertThat(agent.loginError()).hasText("Wrong username or password.");
    assertThat(agent.page().locator("#password")).hasAttribute("aria-invalid", "true");
    assertThat(agent.focusedId()).isEqualTo("password");
    agent.screenshot("en-0-login-error");

    agent.chooseLanguage("ru");
    assertThat(agent.loginError()).hasText("Неверное имя пользователя или пароль.");
    agent.screenshot("ru-0-login-error");

    server.failLoginsWith(429);
    agent.chooseLanguage("uk");
    agent.signIn(FakeAgentServer.USERNAME, FakeAgentServer.PASSWORD);
    assertThat(agent.loginError()).hasText("Забагато спроб входу. Зачекайте хвилину й спробуйте знову.");

    agent.page().route(ClasspathWebroot.ORIGIN + "/api/login", route -> route.abort("connectionrefused"));
    agent.signIn(FakeAgentServer.USERNAME, FakeAgentServer.PASSWORD);
    assertThat(agent.loginError()).hasText("Немає зв'язку із сервером. Перевірте підключення до мережі й спробуйте знову.");
    assertThat(agent.state()).containsEntry("loggedIn", false);
    assertThat(server.connections()).as("no socket before a successful login").isZero();
  }

  @Test
  void droppedSocket_reconnectsReauthenticatesAndOffersMediaAgain() {
    agent.open("en");
    agent.signIn(FakeAgentServer.USERNAME, FakeAgentServer.PASSWORD);
    agent.awaitState("s.media === 'connected'");

    server.closeSocket(1012);
    agent.awaitState("s.socket === 'reconnecting'");
    assertThat(agent.page().locator("#notices")).containsText("Reconnecting");
    agent.awaitState("s.socket === 'open' && s.media === 'connected'");
    assertThat(server.connections()).isEqualTo(2);
    assertThat(server.received("auth")).hasSize(2).allSatisfy(f -> assertThat(f.getString("token")).isEqualTo(FakeAgentServer.TOKEN));
    assertThat(server.received("media.offer")).as("a new offer replaces the session after a reconnect").hasSize(2);
    assertThat(agent.page().locator("#notices")).not().containsText("Reconnecting");
  }

  @Test
  void openedInAnotherTab_stopsAndOffersToTakeOver_expiredToken_backToLogin() {
    agent.open("en");
    agent.signIn(FakeAgentServer.USERNAME, FakeAgentServer.PASSWORD);
    agent.awaitState("s.media === 'connected'");

    server.closeSocket(4409);
    agent.awaitState("s.socket === 'closed' && s.media === 'new'");
    assertThat(agent.page().locator("#notices")).containsText("opened in another tab");
    assertThat(agent.button("Ready")).isDisabled();
    assertThat(agent.state()).containsEntry("loggedIn", true);
    agent.screenshot("en-5-replaced");
    agent.button("Use this tab").click();
    agent.awaitState("s.socket === 'open' && s.media === 'connected'");
    assertThat(server.connections()).as("no automatic reconnect after 4409, only the agent's choice").isEqualTo(2);

    server.closeSocket(4401);
    assertThat(agent.page().locator("#login-view")).isVisible();
    assertThat(agent.loginError()).hasText("Your session has ended. Please sign in again.");
    assertThat(agent.state()).containsEntry("loggedIn", false);
    assertThat(agent.page().evaluate("() => Object.keys(sessionStorage).length")).isEqualTo(0);
  }

  @Test
  void refusedByCallControl_4403_stopsRetryingUntilTheAgentTriesAgain() {
    agent.open("en");
    agent.signIn(FakeAgentServer.USERNAME, FakeAgentServer.PASSWORD);
    agent.awaitState("s.media === 'connected'");

    server.closeSocket(4403);
    agent.awaitState("s.socket === 'closed' && s.media === 'new'");
    assertThat(agent.page().locator("#notices")).containsText("The server refused to connect this desktop");
    assertThat(server.connections()).isEqualTo(1);
    agent.button("Try again").click();
    agent.awaitState("s.socket === 'open' && s.media === 'connected'");
    assertThat(server.connections()).isEqualTo(2);
    assertThat(agent.page().locator("#notices")).isEmpty();
  }
}
