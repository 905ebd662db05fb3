package io.switchboard.server.calls;

import io.switchboard.gateway.SipLeg;
import io.switchboard.media.RtpStream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** A trunk caller: the gateway's {@link SipLeg} as call control sees every caller. */
final class SipCallerLeg implements CallerLeg {
  private final SipLeg sip;

  SipCallerLeg(SipLeg sip) {
    this.sip = sip;
  }

  /** The trunk's leg, for the one REFER call control may send: {@link OutboundDialer#referForAgent}. */
  SipLeg sip() {
    return sip;
  }

  /** The caller's number as received (user part of P-Asserted-Identity or From). */
  String from() {
    return sip.from();
  }

  /** The dialled number as received. */
  String to() {
    return sip.to();
  }

  /**
   * REFERs of the trunk's far end (RFC 3515), for {@link TrunkReferrals} only: deliberately not on {@link CallerLeg},
   * so no other kind of leg can ask to be handed anywhere.
   */
  void onRefer(Consumer<io.switchboard.gateway.Referral> listener) {
    sip.onRefer(listener);
  }

  @Override
  public String channel() {
    return "trunk";
  }

  @Override
  public RtpStream media() {
    return sip.media();
  }

  @Override
  public void earlyMedia() {
    sip.earlyMedia();
  }

  @Override
  public Future<Void> answer() {
    return sip.answer();
  }

  @Override
  public void reject(int status, String reason) {
    sip.reject(status, reason);
  }

  @Override
  public void hangup() {
    sip.hangup();
  }

  @Override
  public void sendDtmf(char digit) {
    sip.media().sendDtmf(digit);
  }

  @Override
  public void onEnded(Consumer<EndReason> listener) {
    sip.onEnded(reason -> listener.accept(EndReason.valueOf(reason.name())));
  }

  @Override
  public void onDtmf(Consumer<Character> listener) {
    sip.onDtmf(listener);
  }

  @Override
  public void onHold(Consumer<Boolean> listener) {
    sip.onHold(listener);
  }

  @Override
  public JsonObject describe() {
    return new JsonObject().put("channel", channel()).put("sipCallId", sip.callId()).put("trunk", sip.trunk())
        .put("fromRaw", sip.from()).put("toRaw", sip.to());
  }
}
