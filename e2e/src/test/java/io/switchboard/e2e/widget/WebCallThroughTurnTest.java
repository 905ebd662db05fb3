package io.switchboard.e2e.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.agent.AgentDesktopPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A visitor behind a network that allows nothing but TURN: Chromium is forced to relay
 * ({@code iceTransportPolicy: 'relay'}) through a real coturn on loopback that knows only the shared secret, with the
 * ephemeral credentials the server handed the widget. The ICE-lite server must accept the checks that arrive from
 * the relay's address, and the call must pass the same tone check as a direct one.
 */
class WebCallThroughTurnTest extends RunningServerTest {
  private static final String TURN_SECRET = "shared-with-coturn-" + System.nanoTime();
  private static Coturn coturn;

  private Browser agentBrowser;
  private Browser visitorBrowser;

  @Override
  protected List<String> extraArgs() {
    try {
      coturn = Coturn.start(TURN_SECRET);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new ArrayList<>(List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=20",
        "--ice.turn-urls=" + coturn.url(), "--ice.turn-secret=" + TURN_SECRET));
  }

  @AfterEach
  void close() throws Exception {
    if (visitorBrowser != null) {
      visitorBrowser.close();
    }
    if (agentBrowser != null) {
      agentBrowser.close();
    }
    if (coturn != null) {
      coturn.close();
    }
  }

  @Test
  void visitorRelayedThroughCoturn_andAgent_hearEachOther() throws Exception {
    agentBrowser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 440));
    visitorBrowser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 1000));
    AgentDesktopPage agent = new AgentDesktopPage(agentBrowser.newPage());
    agent.open(baseUrl(), "en");
    agent.signIn("alice", "alice-demo");
    agent.awaitState("s.media === 'connected'");
    agent.page().locator("#go-ready").click();
    agent.awaitState("s.agentState === 'ready'");

    WidgetPage visitor = new WidgetPage(visitorBrowser.newPage());
    visitor.open("http://localhost:" + server.demoShopPort() + "/demo-shop.html");
    visitor.page().evaluate("() => { document.querySelector('script[data-entry]').dataset.iceTransportPolicy ="
        + " 'relay'; }");
    visitor.openPanel();
    visitor.call();
    visitor.awaitState("s.state === 'ringing'");
    visitor.awaitMediaConnected();
    assertThat(coturn.log()).as("coturn allocated a relay for the widget's credentials")
        .containsPattern("user <[0-9]+:web>: incoming packet ALLOCATE processed, success");

    visitor.awaitSound(-45);
    visitor.press("2");
    agent.awaitState("s.ringing !== null");
    agent.page().locator("#answer").click();
    visitor.awaitState("s.state === 'connected'");
    agent.awaitHearing(1000);
    visitor.awaitHearing(440);
    assertThat(coturn.log()).as("the media went through the relay")
        .containsPattern("incoming packet (SEND|CHANNEL_BIND|CREATE_PERMISSION) processed, success");
    visitor.part("hangup").click();
    agent.awaitState("s.call === null && s.lastEnded !== null");
  }

  @Test
  void theAgentDesktopGetsTurnCredentialsOfItsOwn() throws Exception {
    var servers = getJson("/api/ice-servers", loginToken("alice", "alice-demo")).getJsonArray("iceServers");
    assertThat(servers).hasSize(1);
    assertThat(servers.getJsonObject(0).getJsonArray("urls")).containsExactly(coturn.url());
    assertThat(servers.getJsonObject(0).getString("username")).matches("[0-9]+:alice");
  }
}
