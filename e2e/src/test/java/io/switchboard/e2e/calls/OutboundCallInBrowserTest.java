package io.switchboard.e2e.calls;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.agent.AgentDesktopPage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent places a call from the desktop in Debian's Chromium (fake microphone: 440 Hz): types the number, clicks
 * Call, hears the customer (SIPp carrier streaming 1 kHz after a digest challenge), hangs up. The wall's refusal and
 * a malformed number are shown in the page.
 */
class OutboundCallInBrowserTest extends RunningServerTest {
  private static final String CUSTOMER = "+4915112345678";

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

  private AgentDesktopPage aliceSignsIn() throws Exception {
    browser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 440));
    AgentDesktopPage agent = new AgentDesktopPage(browser.newPage());
    agent.open(baseUrl(), "en");
    agent.signIn("alice", "alice-demo");
    agent.awaitState("s.media === 'connected'");
    agent.awaitDtlsConnected();
    return agent;
  }

  @Test
  void agentTypesTheNumber_hearsTheCustomer_hangsUp() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("customer-1khz.ulaw"), 1000, 30);
    try (SippCarrier carrier = SippCarrier.listen("carrier-digest-answers-with-tone.xml", Map.of(
        "@CALLER_ID@", OutboundTrunk.HOTLINE, "@CALLEE@", CUSTOMER, "@AUDIO@", tone.toAbsolutePath().toString()),
        dataDir)) {
      server = OutboundTrunk.install(vertx, server, dataDir, carrier.port());
      AgentDesktopPage agent = aliceSignsIn();

      agent.page().locator("#dial-number").fill("+49 151 12345678");
      agent.page().locator("#dial-submit").click();

      agent.awaitState("s.call !== null && s.call.outbound && s.call.progress === 'answered'");
      assertThat(agent.page().locator("#call-from")).hasText(CUSTOMER);
      agent.awaitHearing(1000);
      agent.page().locator("#hangup").click();

      assertThat(carrier.awaitExit(Duration.ofSeconds(20))).as(carrier.report()).isZero();
      agent.awaitState("s.call === null && s.lastEnded !== null && s.lastEnded.by === 'agent'");
    }
  }

  @Test
  void premiumNumber_refusedWithItsReason_andAMalformedNumberNeverLeavesThePage() throws Exception {
    try (SippCarrier carrier = SippCarrier.listen("carrier-expects-no-invite.xml", Map.of(), dataDir)) {
      server = OutboundTrunk.install(vertx, server, dataDir, carrier.port());
      AgentDesktopPage agent = aliceSignsIn();

      agent.page().locator("#dial-number").fill("0900 1234567");
      agent.page().locator("#dial-submit").click();
      assertThat(agent.page().locator("#notices")).containsText("Premium-rate numbers cannot be called from here.");

      agent.page().locator("#dial-number").fill("call me maybe");
      agent.page().locator("#dial-submit").click();
      assertThat(agent.page().locator("#dial-error")).isVisible();
      assertThat(agent.page().locator("#dial-number")).hasAttribute("aria-invalid", "true");

      assertThat(carrier.invitesReceived()).as(carrier.report()).isZero();
    }
  }
}
