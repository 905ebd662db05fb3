package io.switchboard.gateway;

import io.switchboard.media.RtpLeg;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * One inbound call from a trunk: the INVITE server transaction and then its dialog. All methods must be called on
 * the gateway's Vert.x context, and all listeners are called there.
 */
public interface SipLeg {

  /** Opaque id, unique on this node. */
  String id();

  /** The SIP Call-ID. */
  String callId();

  /** Name of the trunk the call came from. */
  String trunk();

  /** The caller's number: user part of P-Asserted-Identity if present, else of From, as received. */
  String from();

  /** The dialled number: user part of the Request-URI. */
  String to();

  /** The RTP leg, already pointed at the caller's media from the SDP offer. Closed when the leg ends. */
  RtpLeg media();

  /** Sends 180 Ringing (100 Trying was sent by the gateway on arrival). */
  void ringing();

  /**
   * Sends 183 Session Progress with our SDP answer (early media, RFC 3960): the caller hears what we send on
   * {@link #media()} (ringback, announcements) before the call is answered and billed. The 200 OK of
   * {@link #answer()} then carries the same SDP.
   */
  void earlyMedia();

  /** Sends 200 OK with our SDP answer; completes when the ACK arrives, fails after 32 s without (then BYE). */
  Future<Void> answer();

  /** Final error response before answer (480, 486, 603...). */
  void reject(int status, String reason);

  /** BYE after answer; before answer the same as {@code reject(480, "Temporarily Unavailable")}. */
  void hangup();

  /** Called once when the leg ends, with why. */
  void onEnded(Consumer<EndReason> listener);

  /** Called with true when the caller puts us on hold (sendonly, inactive, c=0.0.0.0), false when resumed. */
  void onHold(Consumer<Boolean> listener);

  /** DTMF digits from RFC 4733 events and from SIP INFO (application/dtmf-relay, application/dtmf). */
  void onDtmf(Consumer<Character> listener);

  /**
   * Asks the caller's side to call {@code e164} itself (REFER in this dialog, RFC 3515), for a transfer out of the
   * call. Completes with the final status the NOTIFY's sipfrag reports (2xx: the far end connected our caller
   * there); fails when the REFER is refused, the referred call fails, or the leg ends first. Only call control's
   * outbound dialer calls it, once the outbound wall admitted the number (docs/security.md).
   */
  default Future<Integer> refer(String e164) {
    return Future.failedFuture(new UnsupportedOperationException("this leg cannot send REFER"));
  }

  /**
   * In-dialog REFERs the far end sends (RFC 3515), already checked for form. Without a listener every REFER is
   * refused with 403: a trunk cannot make us call anyone.
   */
  default void onRefer(Consumer<Referral> listener) {
  }

  enum EndReason { CALLER_CANCELLED, CALLER_HUNG_UP, WE_HUNG_UP, NO_ACK, FAILED }
}
