package io.switchboard.e2e.supervisor;

import static io.switchboard.e2e.supervisor.SupervisorListensWhispersBargesTest.maxOver;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.agent.AgentDesktopPage;
import io.switchboard.media.testpeer.RtpTestPeer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance with two browsers: a SIPp caller (its media a Java RTP peer, 1 kHz) talks to an agent in
 * Chromium on agent.html (440 Hz microphone); a supervisor in another Chromium on monitor.html (660 Hz) listens,
 * whispers and barges. Each browser's ears are its page's tone detector; the caller's are the RTP peer.
 */
class ChromiumAgentIsSupervisedTest extends RunningServerTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";
  private static final double HEARD = 0.15;
  private static final double NOT_HEARD = 0.05;
  /** About the level of the other two voices (8000 of 32767), so that in a mix of two each has about half. */
  private static final double SUPERVISOR_AMPLITUDE = 0.25;
  /**
   * The agent's browser runs its microphone through noise suppression and gain control, which bring a steady test
   * tone down by some 15 dB, so next to the caller's tone the agent's is measured by level, not by share: a tone
   * above −40 dBFS (1 % of full scale) is there.
   */
  private static final double HEARD_DBFS = -40;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--calls.ring-timeout-seconds=20");
  }

  @Test
  void supervisorInChromium_listensWhispersBarges_onAChromiumAgentsCall() throws Exception {
    Browser agentBrowser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 440));
    Browser supervisorBrowser = FakeMicrophoneChromium.launch(playwright,
        ToneWav.write(dataDir, 660, SUPERVISOR_AMPLITUDE));
    try {
      AgentDesktopPage alice = new AgentDesktopPage(agentBrowser.newPage());
      alice.open(baseUrl(), "en");
      alice.signIn("alice", "alice-demo");
      alice.awaitState("s.media === 'connected'");
      alice.awaitDtlsConnected();
      alice.page().locator("#go-ready").click();
      alice.awaitState("s.agentState === 'ready'");

      MonitorPage sam = new MonitorPage(supervisorBrowser.newPage());
      sam.open(baseUrl(), "en");
      sam.signIn("sam", "sam-demo");
      sam.awaitConnected();

      try (CallerWithJavaMedia caller = CallerWithJavaMedia.call(server.sipPort(), DID, CALLER, dataDir)) {
        RtpTestPeer callerMedia = caller.media();
        alice.awaitState("s.ringing !== null");
        String callId = (String) ((java.util.Map<?, ?>) alice.state().get("ringing")).get("callId");
        alice.page().locator("#answer").click();
        caller.talk(1000);
        alice.awaitHearing(1000);
        callerMedia.awaitTone(440, 0.6, Duration.ofSeconds(10)).get();

        sam.row(callId).waitFor();
        sam.choose(callId, "listen");
        sam.awaitHearingDbfs(List.of(1000, 440), HEARD_DBFS);
        assertThat(maxOver(callerMedia::received, 50, () -> Math.max(callerMedia.toneLevel(660),
            alice.toneLevel(660)))).as("660 Hz at the caller or the agent while listening").isLessThan(NOT_HEARD);

        sam.choose(callId, "whisper");
        awaitAgentHears(alice, 660);
        assertThat(maxOver(callerMedia::received, 50, () -> callerMedia.toneLevel(660)))
            .as("660 Hz at the caller while whispering").isLessThan(NOT_HEARD);

        sam.choose(callId, "barge");
        callerMedia.awaitTone(660, HEARD, Duration.ofSeconds(10)).get();
        awaitAgentHears(alice, 660);
        sam.awaitHearingDbfs(List.of(1000, 440), HEARD_DBFS);

        sam.choose(callId, "leave");
        alice.page().locator("#hangup").click();
        assertThat(caller.sipp().awaitExit(Duration.ofSeconds(20))).as(caller.sipp().report()).isZero();
        sam.awaitState("s.calls.length === 0");
      }
    } finally {
      agentBrowser.close();
      supervisorBrowser.close();
    }
  }

  private static void awaitAgentHears(AgentDesktopPage agent, int frequencyHz) {
    agent.page().waitForFunction("([f, min]) => window.agentDesk.toneLevel(f) > min", List.of(frequencyHz, HEARD),
        new Page.WaitForFunctionOptions().setTimeout(20_000).setPollingInterval(50));
  }
}
