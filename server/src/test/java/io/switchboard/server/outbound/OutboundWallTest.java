package io.switchboard.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The toll-fraud wall's rules one by one: dial plan (libphonenumber), permission, caps, and the refusal log. */
class OutboundWallTest {

  private static final DialingParty ALICE = new DialingParty("agent", "a-1", "alice", List.of("agent"));
  private static final DialingParty BOB = new DialingParty("agent", "b-1", "bob", List.of("agent"));
  private static final DialingParty SUPERVISOR = new DialingParty("agent", "s-1", "sue", List.of("supervisor"));
  private static final DialingParty CALLBACK = new DialingParty("callback", "cb-1", "support", List.of());

  private final List<String> log = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      log.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private final Logger wallLogger = Logger.getLogger(OutboundWall.class.getName());

  @BeforeEach
  void captureLog() {
    wallLogger.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    wallLogger.removeHandler(capture);
  }

  private static TrunkPolicy policy(DialPlan plan, int concurrent, int perDay) {
    return new TrunkPolicy("pstn", plan, "+4930555000", concurrent, perDay, List.of("supervisor"), List.of("alice"),
        true, Duration.ofSeconds(30));
  }

  private static OutboundWall wall(TrunkPolicy policy) {
    return new OutboundWall(List.of(policy), Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void dialPlan_allowsNationalFixedAndMobile_inE164() {
    DialPlan plan = new DialPlan("DE", false, false);
    assertThat(plan.check("030 1234567")).isEqualTo(new DialPlan.Verdict(true, "+49301234567", null));
    assertThat(plan.check("+4915112345678").allowed()).isTrue();
  }

  @Test
  void dialPlan_refusesPremiumInternationalAndNonsense_unlessEnabled() {
    DialPlan strict = new DialPlan("DE", false, false);
    assertThat(strict.check("+499001234567").reason()).isEqualTo("premium_rate");
    assertThat(strict.check("+33123456789").reason()).isEqualTo("international");
    assertThat(strict.check("+88213").reason()).isIn("invalid_number", "international");
    assertThat(strict.check("not a number").reason()).isEqualTo("not_a_number");
    assertThat(strict.check("+4930").reason()).isEqualTo("invalid_number");

    DialPlan open = new DialPlan("DE", true, true);
    assertThat(open.check("+499001234567").allowed()).isTrue();
    assertThat(open.check("+33123456789").allowed()).isTrue();
  }

  @Test
  void dialPlan_refusesAnUnknownRegion() {
    assertThatThrownBy(() -> new DialPlan("XX", false, false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void permission_byAgentNameOrRole_callbacksByTrunkSetting() throws Exception {
    OutboundWall wall = wall(policy(new DialPlan("DE", false, false), 10, 100));
    assertThat(wall.admit(ALICE, null, "+4915112345678").e164()).isEqualTo("+4915112345678");
    assertThat(wall.admit(SUPERVISOR, "pstn", "+4915112345678").policy().trunk()).isEqualTo("pstn");
    assertThat(wall.admit(CALLBACK, null, "+4915112345678")).isNotNull();
    assertThatThrownBy(() -> wall.admit(BOB, null, "+4915112345678"))
        .isInstanceOfSatisfying(OutboundWall.Refused.class, r -> assertThat(r.reason()).isEqualTo("not_permitted"));
    assertThat(log).anyMatch(l -> l.startsWith("outbound refused: agent bob (b-1") && l.contains("+4915112345678")
        && l.endsWith("not_permitted"));
  }

  @Test
  void premiumNumber_refusedAndLogged_withWhoAndWhat() {
    OutboundWall wall = wall(policy(new DialPlan("DE", false, false), 10, 100));
    assertThatThrownBy(() -> wall.admit(ALICE, null, "+499001234567"))
        .isInstanceOfSatisfying(OutboundWall.Refused.class, r -> assertThat(r.reason()).isEqualTo("premium_rate"));
    assertThat(log).contains("outbound refused: agent alice (a-1, roles [agent]) asked for +499001234567 on trunk "
        + "pstn: premium_rate");
    assertThat(wall.upOn("pstn")).isZero();
    assertThat(wall.startedToday("pstn")).isZero();
  }

  @Test
  void concurrentCap_refusesTheCallOverIt_untilOneIsReleased() throws Exception {
    OutboundWall wall = wall(policy(new DialPlan("DE", false, false), 2, 100));
    OutboundWall.Admitted first = wall.admit(ALICE, null, "+4915112345678");
    wall.admit(ALICE, null, "+4915112345679");
    assertThatThrownBy(() -> wall.admit(ALICE, null, "+4915112345670"))
        .isInstanceOfSatisfying(OutboundWall.Refused.class, r -> assertThat(r.reason()).isEqualTo("concurrent_cap"));
    wall.released(first);
    assertThat(wall.admit(ALICE, null, "+4915112345670")).isNotNull();
    assertThat(wall.upOn("pstn")).isEqualTo(2);
  }

  @Test
  void dailyCap_countsCallsStarted_notCallsUp() throws Exception {
    OutboundWall wall = wall(policy(new DialPlan("DE", false, false), 10, 2));
    wall.released(wall.admit(ALICE, null, "+4915112345678"));
    wall.released(wall.admit(ALICE, null, "+4915112345678"));
    assertThatThrownBy(() -> wall.admit(ALICE, null, "+4915112345678"))
        .isInstanceOfSatisfying(OutboundWall.Refused.class, r -> assertThat(r.reason()).isEqualTo("daily_cap"));
  }

  @Test
  void noTrunkWithOutbound_refusesEverything() {
    OutboundWall wall = new OutboundWall(List.of(), Clock.systemUTC());
    assertThat(wall.enabled()).isFalse();
    assertThatThrownBy(() -> wall.admit(ALICE, null, "+4915112345678"))
        .isInstanceOfSatisfying(OutboundWall.Refused.class,
            r -> assertThat(r.reason()).isEqualTo("no_outbound_trunk"));
  }
}
