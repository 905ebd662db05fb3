package io.switchboard.server.calls;

import io.switchboard.media.RtpStream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The caller's side of a call, whatever it came on: a SIP trunk ({@link SipCallerLeg}) or the website widget
 * ({@link WebLeg}). It is all call control needs of a caller: hear them and play to them, their keys, answer and
 * hang up. It deliberately offers nothing that reaches anywhere else (no dial, transfer or REFER): a caller leg can
 * only be bridged, by call control, to an agent's session. Called on the call center's context; listeners may be
 * called on any thread (call control hops back itself).
 */
public interface CallerLeg {

  /** Why a leg ended. */
  enum EndReason {
    CALLER_CANCELLED,
    CALLER_HUNG_UP,
    /** We hung up or rejected: call control already knows. */
    WE_HUNG_UP,
    NO_ACK,
    FAILED,
    /** The caller's media stopped: a browser tab closed or lost without hanging up (RFC 7675 consent expired). */
    MEDIA_LOST
  }

  /** {@code trunk} or {@code web}: the history record's {@code channel}. */
  String channel();

  /** What we hear from the caller and send to them. */
  RtpStream media();

  /** Lets the caller hear our media before the call is answered (SIP: 183 with SDP; web: media flows already). */
  void earlyMedia();

  /** Answers (SIP: 200 OK, completes on the ACK). */
  Future<Void> answer();

  /** Refuses before answer with a status and reason (SIP: final response; web: an error message to the page). */
  void reject(int status, String reason);

  /** Ends the call from our side. Idempotent. */
  void hangup();

  /** Sends a digit to the caller's side, if that side can take one (RFC 4733). */
  void sendDtmf(char digit);

  /** Called once when the leg ends. */
  void onEnded(Consumer<EndReason> listener);

  /** The caller's keys (RFC 4733 events, SIP INFO). */
  void onDtmf(Consumer<Character> listener);

  /** True when the caller holds us, false on resume. */
  void onHold(Consumer<Boolean> listener);

  /** The history record's fields for this channel: {@code channel} and where the call came from. */
  JsonObject describe();

  /**
   * A step of the call as the caller experiences it (the timeline's event: queued with position and wait,
   * answered, ended...). A leg that can show it (the widget) passes on what the caller may see; SIP ignores it.
   */
  default void heard(String event, JsonObject details) {
  }

  /**
   * Whether this node keeps the call's history record and recording: false for a call that landed on another node
   * ({@link NodeLinkLeg}), whose node keeps both.
   */
  default boolean recordedHere() {
    return true;
  }
}
