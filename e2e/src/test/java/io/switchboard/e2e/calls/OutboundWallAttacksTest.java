package io.switchboard.e2e.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Browser;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.switchboard.e2e.widget.WidgetPage;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The toll-fraud wall (docs/security.md) against the scripted set of attacks of issue 13, with SIPp as the carrier
 * behind a trunk that places calls: an agent without permission, premium and foreign numbers from an agent who has
 * it, a number smuggling a SIP URI, INVITEs from the trunk to premium and foreign numbers, a REFER from a trunk leg
 * to a number outside plus the same number keyed in as digits, and a website caller keying a premium number into
 * the hotline. Afterwards the carrier has received no INVITE at all, and every refusal is in the log with who and
 * what.
 */
class OutboundWallAttacksTest extends RunningServerTest {
  private static final String HOTLINE = OutboundTrunk.HOTLINE;
  private static final String CUSTOMER = "+4915112345678";
  private static final String PREMIUM = "+499001234567";
  private static final String ABROAD = "+33123456789";

  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage() != null
          && record.getMessage().startsWith("outbound refused")) {
        refusals.add(record.getMessage());
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private final List<Logger> watched = new ArrayList<>();
  private Browser visitorBrowser;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  @AfterEach
  void stopWatching() {
    watched.forEach(l -> l.removeHandler(capture));
    if (visitorBrowser != null) {
      visitorBrowser.close();
    }
  }

  @Test
  void scriptedAttacks_carrierReceivesNoInvite_andEveryRefusalIsLoggedWithWhoAndWhat() throws Exception {
    Path tone = ToneFile.write(dataDir.resolve("caller-1khz.ulaw"), 1000, 30);
    try (SippCarrier carrier = SippCarrier.listen("carrier-expects-no-invite.xml", Map.of(), dataDir)) {
      server = OutboundTrunk.install(vertx, server, dataDir, carrier.port());
      for (String name : List.of("io.switchboard.server.outbound.OutboundWall",
          "io.switchboard.gateway.impl.SipGatewayImpl", "io.switchboard.gateway.impl.IncomingRefer")) {
        Logger logger = Logger.getLogger(name);
        logger.addHandler(capture);
        watched.add(logger);
      }
      try (JavaAgent alice = new JavaAgent(vertx, server.httpPort());
          JavaAgent bob = new JavaAgent(vertx, server.httpPort())) {
        alice.login("alice", "alice-demo");
        bob.login("bob", "bob-demo");

        // 1. An agent without the permission dials a perfectly ordinary number.
        assertThatThrownBy(() -> bob.command(new JsonObject().put("type", "call.dial").put("number", CUSTOMER)))
            .hasMessageContaining("not_allowed").hasMessageContaining("not_permitted");
        // 2. An agent with the permission dials a premium-rate number, then one abroad.
        assertThatThrownBy(() -> alice.command(new JsonObject().put("type", "call.dial").put("number", PREMIUM)))
            .hasMessageContaining("premium_rate");
        assertThatThrownBy(() -> alice.command(new JsonObject().put("type", "call.dial").put("number", ABROAD)))
            .hasMessageContaining("international");
        // 3. A number smuggling a SIP URI never passes the frame schema.
        assertThatThrownBy(() -> alice.command(new JsonObject().put("type", "call.dial")
            .put("number", "+49301234567@evil.example"))).hasMessageContaining("invalid_field");

        // 4. From the trunk: an INVITE to a premium-rate number, and one abroad, hoping to be forwarded.
        for (String target : List.of(PREMIUM, ABROAD)) {
          try (SippCaller attacker = SippCaller.call("caller-dials-premium-expect-404.xml", server.sipPort(), target,
              "+4930123456", tone, 0, dataDir)) {
            assertThat(attacker.awaitExit(Duration.ofSeconds(20))).as(attacker.report()).isZero();
          }
        }
        // 5. From a trunk leg: a REFER to a premium number (403: not a number of this hotline), then the same
        // number keyed in as digits.
        try (SippCaller attacker = SippCaller.call("caller-refers-and-dials-digits-expect-403.xml", server.sipPort(),
            HOTLINE, "+4930123456", tone, 0, Map.of("@DTMF@", SippCaller.dtmfPcap('9')), dataDir)) {
          assertThat(attacker.awaitExit(Duration.ofSeconds(30))).as(attacker.report()).isZero();
        }

        // 6. A website caller keys a premium number into the hotline's menu: digits only ever reach the flow.
        String webCall = webCallerKeysIn("00900123");
        JsonObject record = awaitCallRecord(webCall);
        assertThat(record.getString("channel")).isEqualTo("web");
        assertThat(record.getJsonArray("timeline").stream().map(e -> (JsonObject) e)
            .filter(e -> "dtmf".equals(e.getString("event")) && "caller".equals(e.getString("from")))
            .map(e -> e.getString("digit")).toList()).as("the keys reached the flow, and nothing else")
            .containsSubsequence("0", "9");

        assertThat(carrier.invitesReceived()).as(carrier.report()).isZero();
        assertThat(refusals).as("refusals logged").hasSize(4);
        assertThat(refusals).anyMatch(l -> l.contains("agent bob") && l.contains(CUSTOMER)
            && l.endsWith("not_permitted"));
        assertThat(refusals).anyMatch(l -> l.contains("agent alice") && l.contains(PREMIUM)
            && l.endsWith("premium_rate"));
        assertThat(refusals).anyMatch(l -> l.contains("agent alice") && l.contains(ABROAD)
            && l.endsWith("international"));
        assertThat(refusals).anyMatch(l -> l.contains("REFER from trunk demo-carrier") && l.contains(PREMIUM)
            && l.endsWith("403 Refer-To is not a number of this hotline"));
        assertThat(carrier.invitesReceived()).isZero();
      }
    }
  }

  /** A visitor calls the hotline from the demo shop's widget, keys {@code digits}, hangs up; returns the call id. */
  private String webCallerKeysIn(String digits) throws Exception {
    visitorBrowser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 1000));
    WidgetPage visitor = new WidgetPage(visitorBrowser.newPage());
    visitor.open("http://localhost:" + server.demoShopPort() + "/demo-shop.html");
    visitor.openPanel();
    visitor.part("number").fill("+4930999111");
    visitor.call();
    visitor.awaitState("s.state === 'ringing'");
    visitor.awaitMediaConnected();
    visitor.awaitSound(-45); // the hotline's menu prompt: the keys go to a flow that listens
    visitor.press(digits);
    String callId = (String) visitor.state().get("callId");
    visitor.part("hangup").click();
    visitor.awaitState("s.state === 'ended'");
    return callId;
  }
}
