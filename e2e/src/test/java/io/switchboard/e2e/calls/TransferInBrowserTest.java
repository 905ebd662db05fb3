package io.switchboard.e2e.calls;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.agent.AgentDesktopPage;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The desk's transfer controls in Debian's Chromium (fake microphone: 440 Hz), used by keyboard: Alt+T opens the
 * target picker, which lists bob (a Java agent, Ready) and the queues; "Consult Bob" puts the caller on hold while
 * alice hears bob (1.5 kHz), "Complete transfer" hands the caller (SIPp, 1 kHz) to bob. The picker is not redrawn
 * under the keyboard user's focus while frames arrive.
 */
class TransferInBrowserTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";

  private Browser browser;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aliceConsultsBobFromThePicker_byKeyboard_thenCompletes_andBobHearsTheCaller() throws Exception {
    browser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 440));
    AgentDesktopPage alice = new AgentDesktopPage(browser.newPage());
    alice.open(baseUrl(), "en");
    alice.signIn("alice", "alice-demo");
    alice.awaitState("s.media === 'connected'");
    alice.awaitDtlsConnected();
    alice.page().locator("#go-ready").click();
    alice.awaitState("s.agentState === 'ready'");
    Path tone = ToneFile.write(dataDir.resolve("caller.ulaw"), 1000, 60);
    try (JavaAgent bob = new JavaAgent(vertx, server.httpPort());
        SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort(), DID, CALLER,
            tone, 0, dataDir)) {
      alice.awaitState("s.ringing !== null");
      alice.page().keyboard().press("Alt+A");
      alice.awaitState("s.call !== null");
      alice.awaitHearing(1000);
      bob.login("bob", "bob-demo");
      bob.ready();
      bob.media().startTone(1500);

      alice.page().keyboard().press("Alt+T");
      Locator panel = alice.page().locator("#transfer-panel");
      assertThat(panel).isVisible();
      assertThat(alice.page().locator("#transfer-toggle")).hasAttribute("aria-expanded", "true");
      Locator consultBob = panel.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
          new Locator.GetByRoleOptions().setName("Consult Bob Jones"));
      assertThat(consultBob).isEnabled();
      assertThat(panel.locator("#transfer-queues")).containsText("Sales");
      consultBob.focus();
      alice.page().keyboard().press("Enter");

      assertThat(alice.page().locator("#transfer-consult")).containsText("Consulting Bob Jones");
      assertThat(alice.page().locator("#hold")).isDisabled();
      bob.await("transfer.consulted", Duration.ofSeconds(10));
      alice.awaitHearing(1500);
      bob.media().awaitTone(440, 0.6, Duration.ofSeconds(10)).get();

      alice.page().locator("#transfer-complete").focus();
      alice.page().keyboard().press("Enter");
      bob.await("call.transferred", Duration.ofSeconds(10));
      bob.await("call.answered", Duration.ofSeconds(10));
      bob.media().awaitTone(1000, 0.7, Duration.ofSeconds(10)).get();
      alice.awaitState("s.call === null && s.lastEnded !== null && s.lastEnded.by === 'transfer'");

      @SuppressWarnings("unchecked")
      String callId = (String) ((java.util.Map<String, Object>) alice.state().get("lastEnded")).get("callId");
      bob.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
      assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
      assertThat(awaitCallRecord(callId).getJsonArray("transfers").getJsonObject(0).getString("outcome"))
          .isEqualTo("completed");
    }
  }
}
