package io.switchboard.gateway.torture;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.FakeRtpPorts;
import io.switchboard.gateway.SipConfig;
import io.switchboard.gateway.SipGateway;
import io.switchboard.gateway.TrunkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RFC 4475 torture messages and the RFC 5118 IPv6 messages, each sent as one UDP datagram from a trusted trunk
 * address to the real gateway, with the handling each RFC section asks of a user agent server (we are a UAS, not a
 * proxy or registrar: REGISTER gets 405 with Allow, RFC 3261 §8.2.1). Valid requests get a normal response,
 * invalid ones 400 (or the more precise code the RFC names); responses addressed to nobody are dropped silently
 * (RFC 3261 §18.1.2) and the gateway goes on serving. One test per message, named after the RFC's file name.
 */
@ExtendWith(RfcConformanceSummary.class)
class TortureMessagesTest {

  private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
  /** How long a dropped message gets to produce a stray answer, after the probe behind it was answered. */
  private static final Duration SILENCE = Duration.ofMillis(300);
  /** Calls that pass every check are refused by the test's handler, so no media is involved. */
  private static final int BUSY_HERE = 486;

  private static Vertx vertx;

  private SipGateway gateway;

  private FakeTrunk trunk;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  /**
   * A gateway per message: the RFC's messages are independent, and many share a branch (z9hG4bKkdjuw). JAIN-SIP
   * matches server transactions by branch alone (RFC 3261 §17.2.3 adds sent-by and method), so within Timer J's
   * 32 s a second message with the same branch would be taken for a retransmission of the first.
   */
  @BeforeEach
  void startGateway() throws Exception {
    SipConfig config = new SipConfig("127.0.0.1", 0, List.of("udp", "tcp"), "127.0.0.1", 65536, 10000,
        Duration.ofSeconds(5));
    // "user" is the Request-URI user of most RFC 4475 INVITEs: carrying it lets them reach the body checks.
    TrunkConfig carrier = new TrunkConfig("carrier", List.of("127.0.0.1"), Optional.empty(), Optional.empty(),
        List.of("user"));
    gateway = await(SipGateway.start(vertx, config, List.of(carrier), new FakeRtpPorts(),
        leg -> leg.reject(BUSY_HERE, "Busy Here")));
    trunk = new FakeTrunk("127.0.0.1", gateway.port());
  }

  @AfterEach
  void stopGateway() throws Exception {
    trunk.close();
    await(gateway.close());
  }

  // ---- RFC 4475 §3.1.1: valid messages ----

  @Test
  void wsinv_tortuousInviteInAnUnknownDialog_gets481() {
    assertThat(answer(rfc4475("wsinv")).status()).isEqualTo(481);
  }

  @Test
  void intmeth_unknownMethodOfUnusualCharacters_gets501WithAllow() {
    FakeTrunk.Response response = answer(rfc4475("intmeth"));
    assertThat(response.status()).isEqualTo(501);
    assertThat(response.header("Allow", null)).isNotEmpty();
  }

  @Test
  void esc01_escapedUriForANumberWeDoNotCarry_gets404() {
    assertThat(answer(rfc4475("esc01")).status()).isEqualTo(404);
  }

  @Test
  void escnull_registerWithEscapedNulls_gets405() {
    assertMethodNotAllowed(answer(rfc4475("escnull")));
  }

  @Test
  void esc02_percentInMethodIsNotAnEscape_gets501() {
    assertThat(answer(rfc4475("esc02")).status()).isEqualTo(501);
  }

  @Test
  void lwsdisp_noSpaceBeforeAngleBracket_options_gets200() {
    assertThat(answer(rfc4475("lwsdisp")).status()).isEqualTo(200);
  }

  @Test
  void longreq_longValuesEverywhere_isAnsweredByTheCallHandler() {
    assertThat(answer(rfc4475("longreq")).status()).isEqualTo(BUSY_HERE);
  }

  @Test
  void dblreq_trailingOctetsInTheDatagram_areIgnored_registerGets405Once() {
    assertMethodNotAllowed(answer(rfc4475("dblreq")));
    assertStillServingAndSilent();
  }

  @Test
  void semiuri_semicolonsInUserPart_options_gets200() {
    assertThat(answer(rfc4475("semiuri")).status()).isEqualTo(200);
  }

  @Test
  void transports_unknownTransportsInVia_options_gets200() {
    assertThat(answer(rfc4475("transports")).status()).isEqualTo(200);
  }

  @Test
  void mpart01_multipartMessageWithBinaryPart_gets405() {
    assertMethodNotAllowed(answer(rfc4475("mpart01")));
  }

  @Test
  void unreason_strayResponseWithUtf8Reason_isDropped() {
    assertDropped(rfc4475("unreason"));
  }

  @Test
  void noreason_strayResponseWithEmptyReason_isDropped() {
    assertDropped(rfc4475("noreason"));
  }

  // ---- RFC 4475 §3.1.2: invalid messages ----

  @Test
  void badinv01_extraneousSeparators_gets400() {
    assertBadRequest(rfc4475("badinv01"));
  }

  @Test
  void clerr_contentLengthLargerThanTheDatagram_gets400() {
    assertBadRequest(rfc4475("clerr"));
  }

  @Test
  void ncl_negativeContentLength_gets400() {
    assertBadRequest(rfc4475("ncl"));
  }

  @Test
  void scalar02_overlargeScalarsInARequest_gets400() {
    assertBadRequest(rfc4475("scalar02"));
  }

  @Test
  void scalarlg_strayResponseWithOverlargeScalars_isDropped() {
    assertDropped(rfc4475("scalarlg"));
  }

  @Test
  void quotbal_unterminatedQuotedString_gets400() {
    assertBadRequest(rfc4475("quotbal"));
  }

  @Test
  void ltgtruri_requestUriInAngleBrackets_gets400() {
    assertBadRequest(rfc4475("ltgtruri"));
  }

  @Test
  void lwsruri_spaceInsideTheRequestUri_gets400() {
    assertBadRequest(rfc4475("lwsruri"));
  }

  @Test
  void lwsstart_doubleSpacesInTheRequestLine_gets400() {
    assertBadRequest(rfc4475("lwsstart"));
  }

  @Test
  void trws_spacesAfterTheSipVersion_gets400() {
    assertBadRequest(rfc4475("trws"));
  }

  @Test
  void escruri_escapedHeadersInTheRequestUri_gets400() {
    assertBadRequest(rfc4475("escruri"));
  }

  @Test
  void baddate_nonGmtDate_gets400() {
    assertBadRequest(rfc4475("baddate"));
  }

  @Test
  void regbadct_contactWithHeadersOutsideAngleBrackets_gets400() {
    assertBadRequest(rfc4475("regbadct"));
  }

  @Test
  void badaspec_spacesInsideAngleBrackets_gets400() {
    assertBadRequest(rfc4475("badaspec"));
  }

  @Test
  void baddn_unquotedDisplayNameWithComma_gets400() {
    assertBadRequest(rfc4475("baddn"));
  }

  @Test
  void badvers_sipVersion7_gets505() {
    assertThat(answer(rfc4475("badvers")).status()).isEqualTo(505);
  }

  @Test
  void mismatch01_cseqMethodDiffersFromTheRequestLine_gets400() {
    assertBadRequest(rfc4475("mismatch01"));
  }

  @Test
  void mismatch02_unknownMethodWithOtherCseqMethod_gets501Or400() {
    // RFC 4475 §3.1.2.18: 501 preferred, 400 acceptable.
    assertThat(answer(rfc4475("mismatch02")).status()).isIn(501, 400);
  }

  @Test
  void bigcode_strayResponseWithTenDigitCode_isDropped() {
    assertDropped(rfc4475("bigcode"));
  }

  // ---- RFC 4475 §3.2: transaction layer ----

  @Test
  void badbranch_magicCookieWithoutIdentifier_gets400Or200() {
    // RFC 4475 §3.2.1: reject with 400 or fall back to RFC 2543 matching; both are answers.
    assertThat(answer(rfc4475("badbranch")).status()).isIn(400, 200);
  }

  // ---- RFC 4475 §3.3: application layer ----

  @Test
  void insuf_missingToFromAndCallId_isDroppedWithoutBreaking() {
    // RFC 4475 §3.3.1: "must not break"; a 400 would be ideal, but a response copies To, From and Call-ID
    // (RFC 3261 §8.2.6.2), which this request lacks: JAIN-SIP drops it, and the gateway goes on serving.
    assertDropped(rfc4475("insuf"));
  }

  @Test
  void unkscm_unknownRequestUriScheme_gets416() {
    assertThat(answer(rfc4475("unkscm")).status()).isEqualTo(416);
  }

  @Test
  void novelsc_knownButUnsupportedScheme_gets416() {
    assertThat(answer(rfc4475("novelsc")).status()).isEqualTo(416);
  }

  @Test
  void unksm2_unknownSchemesInHeaders_registerGets405() {
    assertMethodNotAllowed(answer(rfc4475("unksm2")));
  }

  @Test
  void bext01_requireWeDoNotSupport_gets420ListingThemInUnsupported() {
    FakeTrunk.Response response = answer(rfc4475("bext01"));
    assertThat(response.status()).isEqualTo(420);
    assertThat(String.join(",", response.header("Unsupported", null)))
        .contains("nothingSupportsThis").contains("nothingSupportsThisEither")
        .doesNotContain("noProxiesSupportThis");
  }

  @Test
  void invut_unknownBodyType_gets415WithAccept() {
    FakeTrunk.Response response = answer(rfc4475("invut"));
    assertThat(response.status()).isEqualTo(415);
    assertThat(String.join(",", response.header("Accept", null))).contains("application/sdp");
  }

  @Test
  void regaut01_unknownAuthorizationScheme_registerGets405() {
    assertMethodNotAllowed(answer(rfc4475("regaut01")));
  }

  @Test
  void multi01_twoValuesInSingleValueHeaders_gets400() {
    assertBadRequest(rfc4475("multi01"));
  }

  @Test
  void mcl01_twoContentLengths_gets400() {
    assertBadRequest(rfc4475("mcl01"));
  }

  @Test
  void bcast_strayResponseWithBroadcastVia_isDropped() {
    assertDropped(rfc4475("bcast"));
  }

  @Test
  void zeromf_maxForwardsZeroAtTheUas_options_gets200() {
    assertThat(answer(rfc4475("zeromf")).status()).isEqualTo(200);
  }

  @Test
  void cparam01_contactParameter_registerGets405() {
    assertMethodNotAllowed(answer(rfc4475("cparam01")));
  }

  @Test
  void cparam02_contactUriParameter_registerGets405() {
    assertMethodNotAllowed(answer(rfc4475("cparam02")));
  }

  @Test
  void regescrt_escapedRouteInContact_registerGets405() {
    assertMethodNotAllowed(answer(rfc4475("regescrt")));
  }

  @Test
  void sdp01_acceptWithoutSdp_gets406() {
    assertThat(answer(rfc4475("sdp01")).status()).isEqualTo(406);
  }

  // ---- RFC 4475 §3.4: backward compatibility ----

  @Test
  void inv2543_rfc2543InviteWithoutContactOrMaxForwards_gets400() {
    // RFC 4475 §3.4.1: an RFC 3261-only element may reject it; ours must (no Contact, RFC 3261 §8.1.1.8).
    assertBadRequest(rfc4475("inv2543"));
  }

  // ---- RFC 5118: IPv6 ----

  @Test
  void ipv6good_bracketedIpv6RequestUri_registerGets405() {
    assertMethodNotAllowed(answer(rfc5118("ipv6-good")));
  }

  @Test
  void ipv6bad_ipv6RequestUriWithoutBrackets_gets400() {
    assertBadRequest(rfc5118("ipv6-bad"));
  }

  @Test
  void portAmbiguous_ipv6WithoutPort_registerGets405() {
    assertMethodNotAllowed(answer(rfc5118("port-ambiguous")));
  }

  @Test
  void portUnambiguous_ipv6WithPort_registerGets405() {
    assertMethodNotAllowed(answer(rfc5118("port-unambiguous")));
  }

  @Test
  void viaReceivedParamWithDelim_byeOfNoDialog_gets481() {
    assertThat(answer(rfc5118("via-received-param-with-delim")).status()).isEqualTo(481);
  }

  @Test
  void viaReceivedParamNoDelim_options_gets200() {
    assertThat(answer(rfc5118("via-received-param-no-delim")).status()).isEqualTo(200);
  }

  @Test
  void ipv6InSdp_offerOfG726Only_gets488() {
    assertThat(answer(rfc5118("ipv6-in-sdp")).status()).isEqualTo(488);
  }

  @Test
  void multIpInHeader_byeOfNoDialog_gets481() {
    assertThat(answer(rfc5118("mult-ip-in-header")).status()).isEqualTo(481);
  }

  @Test
  void multIpInSdp_pcmuOffer_isAnsweredByTheCallHandler() {
    assertThat(answer(rfc5118("mult-ip-in-sdp")).status()).isEqualTo(BUSY_HERE);
  }

  @Test
  void ipv4MappedIpv6_offerOfG726Only_gets488() {
    assertThat(answer(rfc5118("ipv4-mapped-ipv6")).status()).isEqualTo(488);
  }

  @Test
  void ipv6BugAbnf3Colons_invalidReference_gets400() {
    assertBadRequest(rfc5118("ipv6-bug-abnf-3-colons"));
  }

  @Test
  void ipv6CorrectAbnf2Colons_options_gets200() {
    assertThat(answer(rfc5118("ipv6-correct-abnf-2-colons")).status()).isEqualTo(200);
  }

  // ---- helpers ----

  private static TortureMessage rfc4475(String name) {
    return TortureMessage.load("rfc4475", name);
  }

  private static TortureMessage rfc5118(String name) {
    return TortureMessage.load("rfc5118", name);
  }

  /** Sends the message and returns its final response; fails when the gateway stays silent. */
  private FakeTrunk.Response answer(TortureMessage message) {
    trunk.send(message.bytes());
    FakeTrunk.Response response = trunk.receiveFinal(ANSWER_WAIT);
    assertThat(response).as("final response to " + message).isNotNull();
    return response;
  }

  private void assertBadRequest(TortureMessage message) {
    FakeTrunk.Response response = answer(message);
    assertThat(response.status()).as(message + " answered:\n" + response).isEqualTo(400);
  }

  private static void assertMethodNotAllowed(FakeTrunk.Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(405);
    assertThat(response.header("Allow", null)).isNotEmpty();
  }

  /** A message nobody should answer: no response arrives, and an OPTIONS right behind it still gets its 200. */
  private void assertDropped(TortureMessage message) {
    trunk.send(message.bytes());
    assertStillServingAndSilent();
  }

  private void assertStillServingAndSilent() {
    String callId = "probe-" + UUID.randomUUID();
    trunk.send("OPTIONS sip:probe@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + trunk.localPort() + ";branch=z9hG4bK" + callId + "\r\n"
        + "From: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:probe@127.0.0.1>\r\nCall-ID: " + callId + "\r\n"
        + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    FakeTrunk.Response probe = trunk.receiveFinal(ANSWER_WAIT);
    assertThat(probe).as("answer to the OPTIONS probe").isNotNull();
    assertThat(probe.text()).as("the first answer is the probe's").contains(callId);
    assertThat(probe.status()).isEqualTo(200);
    assertThat(trunk.receive(SILENCE)).as("nothing else is sent").isNull();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
