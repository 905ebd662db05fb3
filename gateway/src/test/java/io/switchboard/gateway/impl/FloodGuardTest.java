package io.switchboard.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.gateway.SipEdgeConfig;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FloodGuardTest {

  private static final SipEdgeConfig EDGE = new SipEdgeConfig(2, 3, 1, 2, 10, Duration.ofSeconds(5), 5, 20,
      Duration.ofSeconds(30), Duration.ofMinutes(15));

  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger calls = new AtomicInteger();
  private final GatewayCounters counters = new GatewayCounters();
  private final InetAddress trunk = address("192.0.2.1");
  private final InetAddress stranger = address("198.51.100.7");
  private final FloodGuard guard = new FloodGuard(EDGE, trunk::equals, calls::get, counters, clock::get);

  @Test
  void invitesPastTheBurst_fromATrunkAreBusy_fromAStrangerDropped_andTheBucketRefills() {
    for (int i = 0; i < 3; i++) {
      assertThat(guard.admit(request("INVITE", null), trunk)).isEqualTo(FloodGuard.Verdict.PASS);
    }
    assertThat(guard.admit(request("INVITE", null), trunk)).isEqualTo(FloodGuard.Verdict.BUSY);
    for (int i = 0; i < 3; i++) {
      guard.admit(request("INVITE", null), stranger);
    }
    assertThat(guard.admit(request("INVITE", null), stranger)).isEqualTo(FloodGuard.Verdict.DROP);

    clock.addAndGet(500_000_000L); // half a second at 2/s: one token back
    assertThat(guard.admit(request("INVITE", null), trunk)).isEqualTo(FloodGuard.Verdict.PASS);
    assertThat(counters.get("rejected_rate_invite")).isEqualTo(2);
  }

  @Test
  void atTheCallCap_newInvitesAreBusy_butRequestsInsideDialogsAndAcksPass() {
    calls.set(10);

    assertThat(guard.admit(request("INVITE", null), trunk)).isEqualTo(FloodGuard.Verdict.BUSY);
    assertThat(guard.admit(request("BYE", "totag"), trunk)).isEqualTo(FloodGuard.Verdict.PASS);
    assertThat(guard.admit(request("INVITE", "totag"), trunk)).isEqualTo(FloodGuard.Verdict.PASS);
    assertThat(guard.admit(request("ACK", null), trunk)).isEqualTo(FloodGuard.Verdict.PASS);
    assertThat(counters.get("rejected_capacity")).isEqualTo(1);
  }

  @Test
  void optionsPastTheirBurst_areDropped() {
    assertThat(guard.admit(request("OPTIONS", null), stranger)).isEqualTo(FloodGuard.Verdict.PASS);
    assertThat(guard.admit(request("OPTIONS", null), stranger)).isEqualTo(FloodGuard.Verdict.PASS);
    assertThat(guard.admit(request("OPTIONS", null), stranger)).isEqualTo(FloodGuard.Verdict.DROP);
    assertThat(counters.get("dropped_rate_request")).isEqualTo(1);
  }

  @Test
  void inDialogRequestsFromAStranger_spendItsRequestBucket() {
    for (int i = 0; i < 5; i++) {
      assertThat(guard.admit(request("BYE", "totag"), trunk)).isEqualTo(FloodGuard.Verdict.PASS);
    }
    assertThat(guard.admit(request("BYE", "totag"), stranger)).isEqualTo(FloodGuard.Verdict.PASS);
    assertThat(guard.admit(request("BYE", "totag"), stranger)).isEqualTo(FloodGuard.Verdict.PASS);
    assertThat(guard.admit(request("BYE", "totag"), stranger)).isEqualTo(FloodGuard.Verdict.DROP);
  }

  private static SIPRequest request(String method, String toTag) {
    String text = method + " sip:100@192.0.2.9 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK" + System.nanoTime() + "\r\n"
        + "From: <sip:a@192.0.2.1>;tag=1\r\nTo: <sip:100@192.0.2.9>" + (toTag == null ? "" : ";tag=" + toTag)
        + "\r\nCall-ID: c" + System.nanoTime() + "\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\n"
        + "Content-Length: 0\r\n\r\n";
    try {
      return (SIPRequest) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false,
          null);
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
