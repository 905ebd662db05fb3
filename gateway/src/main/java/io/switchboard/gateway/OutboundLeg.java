package io.switchboard.gateway;

import io.switchboard.media.RtpLeg;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * One call we placed on a trunk: our INVITE client transaction (answering digest challenges), then its dialog.
 * Methods may be called from any thread; listeners are called on the gateway's Vert.x context.
 */
public interface OutboundLeg {

  String id();

  /** The SIP Call-ID. */
  String callId();

  String trunk();

  /** The number dialled. */
  String to();

  /** Our RTP leg; pointed at the callee once an SDP answer arrives (183 or 200). Closed when the leg ends. */
  RtpLeg media();

  /** 180 (ringing) and 183 with SDP (early media: the carrier's ringback or announcement now flows on media()). */
  void onProgress(Consumer<Progress> listener);

  /** Completes on the 2xx (after our ACK is sent); fails with the leg's end if it ends before. */
  Future<Void> answered();

  /** Called once, with why the call ended and the SIP status that said so (0 when none did). */
  void onEnded(Consumer<Ended> listener);

  /** CANCEL before the answer (RFC 3261 §9.1), BYE after. Idempotent. */
  void hangup();

  enum Progress { RINGING, EARLY_MEDIA }

  /** Why an outbound call ended, in words a person understands (RFC 3261 §21 codes mapped by the gateway). */
  enum EndReason {
    /** 486, 600. */
    BUSY,
    /** It rang past the ring timeout (we cancelled), or 408/480. */
    NO_ANSWER,
    /** The callee or the carrier declined: 403, 603, 607. */
    REJECTED,
    /** No such number: 404, 410, 484, 485, 604. */
    NUMBER_INVALID,
    /** The carrier did not answer or is out of service: no response, transport error, 5xx. */
    UNREACHABLE,
    /** The carrier keeps challenging our credentials. */
    AUTH_FAILED,
    /** No common codec: 488, 606, or an answer we cannot use. */
    INCOMPATIBLE,
    /** We hung up before the answer (CANCEL). */
    CANCELLED,
    /** The callee hung up after answering (their BYE). */
    REMOTE_HUNG_UP,
    /** We hung up after the answer (our BYE). */
    WE_HUNG_UP,
    /** Anything else: a final status we have no better word for, or a local error. */
    FAILED
  }

  /** How the leg ended: the reason, the SIP status (0 if none) and its phrase. */
  record Ended(EndReason reason, int status, String phrase) {
  }
}
