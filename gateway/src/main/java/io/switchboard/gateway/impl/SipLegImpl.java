package io.switchboard.gateway.impl;

import io.switchboard.gateway.SipLeg;
import io.switchboard.media.RtpLeg;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One inbound call: its INVITE server transaction, then its dialog (RFC 3261 §12-15). Lives on the gateway's Vert.x
 * context; the gateway hops there before calling any {@code on*} method.
 *
 * <pre>
 * OFFERED --media--> EARLY --answer()--> ANSWERING --ACK--> CONFIRMED
 *    |                 |                     |                  |
 *    +-----------------+---------------------+------------------+--> ENDED (RtpLeg closed, onEnded once)
 * </pre>
 */
final class SipLegImpl implements SipLeg {

  private static final Logger LOG = Logger.getLogger(SipLegImpl.class.getName());

  enum State { OFFERED, EARLY, ANSWERING, CONFIRMED, ENDED }

  /** Where a leg reports that the gateway may forget it. */
  interface Owner {
    void forget(SipLegImpl leg);
  }

  private final String id;
  private final String callId;
  private final String trunk;
  private final String from;
  private final String to;
  private final Context context;
  private final UserAgentCore ua;
  private final GatewayCounters counters;
  private final Duration ackTimeout;
  private final Owner owner;
  private final Request invite;
  private final ServerTransaction inviteTx;
  private final String toTag = UserAgentCore.newTag();
  private final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);

  private SdpOffer offer;
  private RtpLeg rtp;
  private Dialog dialog;
  private State state = State.OFFERED;
  private EndReason endReason;
  private long sdpVersion = 1;
  private boolean held;
  /** We hung up between our 200 and the caller's ACK: the BYE waits for the ACK (RFC 3261 §15). */
  private boolean byeAfterAck;
  private Promise<Void> answered;
  private long ackTimer = -1;
  private Consumer<EndReason> endedListener;
  private Consumer<Boolean> holdListener;
  private Consumer<Character> dtmfListener;
  /** A REFER we sent (a transfer out), until its outcome. */
  private OutgoingRefer referring;
  private Consumer<io.switchboard.gateway.Referral> referListener;
  /** The REFER being handled (RFC 3515), until it is refused or its last NOTIFY is sent. */
  private IncomingRefer referral;

  SipLegImpl(String id, String trunk, String from, String to, Context context, UserAgentCore ua,
      GatewayCounters counters, Duration ackTimeout, Owner owner, Request invite, ServerTransaction inviteTx,
      SdpOffer offer) {
    this.id = id;
    this.callId = ((javax.sip.header.CallIdHeader) invite.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
    this.trunk = trunk;
    this.from = from;
    this.to = to;
    this.context = context;
    this.ua = ua;
    this.counters = counters;
    this.ackTimeout = ackTimeout;
    this.owner = owner;
    this.invite = invite;
    this.inviteTx = inviteTx;
    this.offer = offer;
    this.held = offer.hold();
  }

  // ---- SipLeg ----

  @Override
  public String id() {
    return id;
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public String trunk() {
    return trunk;
  }

  @Override
  public String from() {
    return from;
  }

  @Override
  public String to() {
    return to;
  }

  @Override
  public RtpLeg media() {
    return rtp;
  }

  @Override
  public void ringing() {
    if (state != State.EARLY) {
      return;
    }
    try {
      Response ringing = ua.response(invite, Response.RINGING, toTag);
      ringing.addHeader(ua.contact(UserAgentCore.transportOf(invite)));
      ua.send(inviteTx, ringing);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build 180", e);
    }
  }

  @Override
  public void earlyMedia() {
    if (state != State.EARLY) {
      return;
    }
    try {
      // RFC 3960 §3: 183 with the answer SDP; the caller plays what we send (our ringback or announcements).
      Response progress = ua.response(invite, Response.SESSION_PROGRESS, toTag);
      progress.addHeader(ua.contact(UserAgentCore.transportOf(invite)));
      ua.setSdp(progress, answerSdp());
      ua.send(inviteTx, progress);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build 183", e);
    }
  }

  @Override
  public Future<Void> answer() {
    if (answered != null) {
      return answered.future();
    }
    if (state != State.EARLY) {
      return Future.failedFuture("cannot answer a leg that is " + state);
    }
    try {
      Response ok = ua.response(invite, Response.OK, toTag);
      ok.addHeader(ua.contact(UserAgentCore.transportOf(invite)));
      ua.addAllowAndAccept(ok);
      ua.setSdp(ok, answerSdp());
      if (!ua.send(inviteTx, ok)) {
        end(EndReason.FAILED);
        return Future.failedFuture("cannot send 200 OK");
      }
    } catch (ParseException e) {
      end(EndReason.FAILED);
      return Future.failedFuture(e);
    }
    counters.increment("legs_answered");
    state = State.ANSWERING;
    answered = Promise.promise();
    // RFC 3261 §13.3.1.4: without an ACK within 64*T1 (32 s) the UAS ends the dialog with a BYE.
    ackTimer = context.owner().setTimer(ackTimeout.toMillis(), t -> onAckTimeout());
    return answered.future();
  }

  @Override
  public void reject(int status, String reason) {
    if (state != State.OFFERED && state != State.EARLY) {
      return;
    }
    if (status < 300 || status > 699) {
      throw new IllegalArgumentException("reject needs a final error status 300..699, got " + status);
    }
    try {
      Response response = ua.response(invite, status, toTag);
      if (reason != null && !reason.isBlank()) {
        response.setReasonPhrase(reason);
      }
      ua.send(inviteTx, response);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build " + status, e);
    }
    end(EndReason.WE_HUNG_UP);
  }

  @Override
  public void hangup() {
    switch (state) {
      case OFFERED, EARLY -> reject(Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable");
      case ANSWERING -> {
        byeAfterAck = true;
        end(EndReason.WE_HUNG_UP);
      }
      case CONFIRMED -> {
        sendBye();
        end(EndReason.WE_HUNG_UP);
      }
      case ENDED -> {
      }
    }
  }

  @Override
  public void onEnded(Consumer<EndReason> listener) {
    this.endedListener = listener;
    if (state == State.ENDED) {
      LegListeners.fire(id, listener, endReason);
      endedListener = null;
    }
  }

  @Override
  public void onHold(Consumer<Boolean> listener) {
    this.holdListener = listener;
  }

  @Override
  public void onDtmf(Consumer<Character> listener) {
    this.dtmfListener = listener;
  }

  @Override
  public void onRefer(Consumer<io.switchboard.gateway.Referral> listener) {
    this.referListener = listener;
  }

  // ---- from the gateway, on the context ----

  /**
   * An in-dialog REFER (RFC 3515): its form is checked here ({@link IncomingRefer}), its target judged by the
   * listener; without one, 403. One referral at a time: another REFER meanwhile gets 491 (RFC 3261 §14.2's rule for
   * overlapping offers, applied to hand-overs).
   */
  void onRefer(ServerTransaction tx, Request request) {
    String who = "trunk " + trunk + " (caller " + from + ", call " + callId + ")";
    if (dialog == null || state == State.ENDED) {
      IncomingRefer.refused(counters, who, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No dialog yet");
      IncomingRefer.respond(ua, tx, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No dialog yet");
      return;
    }
    if (referral != null) {
      IncomingRefer.refused(counters, who, request, Response.REQUEST_PENDING, "A REFER is already in progress");
      IncomingRefer.respond(ua, tx, request, Response.REQUEST_PENDING, "A REFER is already in progress");
      return;
    }
    IncomingRefer refer;
    try {
      refer = IncomingRefer.check(ua, counters, dialog, tx, request, who, () -> referral = null);
    } catch (IncomingRefer.Refused e) {
      IncomingRefer.refused(counters, who, request, e.status, e.getMessage());
      IncomingRefer.respond(ua, tx, request, e.status, e.getMessage());
      return;
    }
    if (referListener == null) {
      refer.refuse(Response.FORBIDDEN, "Calls are not handed over on this trunk");
      return;
    }
    referral = refer;
    LegListeners.fire(id, referListener, refer);
  }

  State state() {
    return state;
  }

  String toTag() {
    return toTag;
  }

  /** The RTP port is bound: point it at the caller and create the dialog. False if the leg cannot go on. */
  boolean mediaReady(RtpLeg leg) {
    this.rtp = leg;
    if (state != State.OFFERED) {
      leg.close(); // cancelled while the port was being bound
      return false;
    }
    if (!offer.hold() || !"0.0.0.0".equals(offer.address())) {
      leg.remote(offer.address(), offer.port(), offer.codec());
    }
    leg.onDtmf(digit -> context.runOnContext(v -> dtmf(digit)));
    try {
      dialog = ua.provider.getNewDialog(inviteTx);
    } catch (SipException e) {
      LOG.log(Level.WARNING, "cannot create the dialog of " + callId, e);
      ua.respond(inviteTx, invite, Response.SERVER_INTERNAL_ERROR, toTag);
      end(EndReason.FAILED);
      return false;
    }
    state = State.EARLY;
    return true;
  }

  void mediaFailed(Throwable cause) {
    LOG.log(Level.WARNING, "no RTP port for " + callId + ": " + cause.getMessage());
    counters.increment("rtp_allocation_failed");
    if (state == State.OFFERED) {
      ua.respond(inviteTx, invite, Response.SERVICE_UNAVAILABLE, toTag);
      end(EndReason.FAILED);
    }
  }

  /** CANCEL matched our INVITE (200 to the CANCEL is already sent): RFC 3261 §9.2, 487 and end. */
  void onCancel() {
    if (state == State.OFFERED || state == State.EARLY) {
      ua.respond(inviteTx, invite, Response.REQUEST_TERMINATED, toTag);
      end(EndReason.CALLER_CANCELLED);
    }
  }

  void onAck() {
    if (state == State.ANSWERING) {
      cancelAckTimer();
      state = State.CONFIRMED;
      answered.tryComplete();
    } else if (byeAfterAck) {
      byeAfterAck = false;
      cancelAckTimer();
      sendBye();
      owner.forget(this);
    }
  }

  /**
   * Any request the caller sends in the dialog proves it received our 200, even if its ACK is still on its way:
   * stack threads hand requests over concurrently, and over UDP an ACK may simply arrive after the next request.
   */
  void confirmIfAnswering() {
    if (state == State.ANSWERING) {
      onAck();
    }
  }

  private void onAckTimeout() {
    ackTimer = -1;
    if (state == State.ANSWERING) {
      sendBye();
      end(EndReason.NO_ACK);
    } else if (byeAfterAck) {
      byeAfterAck = false;
      sendBye();
      owner.forget(this);
    }
  }

  @Override
  public Future<Integer> refer(String e164) {
    if (state != State.CONFIRMED || dialog == null) {
      return Future.failedFuture(new IllegalStateException("REFER needs a confirmed call"));
    }
    if (!e164.matches("\\+[0-9]{4,15}")) {
      return Future.failedFuture(new IllegalArgumentException("REFER needs an E.164 number"));
    }
    if (referring != null && !referring.outcome().isComplete()) {
      return Future.failedFuture(new IllegalStateException("a REFER of this call is under way"));
    }
    try {
      referring = OutgoingRefer.send(dialog, ua, e164);
      counters.increment("refer_sent");
      return referring.outcome();
    } catch (SipException | ParseException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot send REFER for " + callId, e);
      return Future.failedFuture(e);
    }
  }

  /** A NOTIFY in the dialog: the progress of our REFER (RFC 3515 §2.4.4), answered 200 either way. */
  void onNotify(ServerTransaction tx, Request notify) {
    ua.respond(tx, notify, Response.OK, null);
    if (referring != null && OutgoingRefer.isReferNotify(notify)) {
      referring.onNotify(notify);
    }
  }

  void onBye(ServerTransaction tx, Request bye) {
    ua.respond(tx, bye, Response.OK, null);
    byeAfterAck = false;
    cancelAckTimer();
    end(EndReason.CALLER_HUNG_UP);
  }

  /** A re-INVITE (RFC 3261 §14.2): a new offer, usually hold or resume (RFC 3264 §8.4). */
  void onReInvite(ServerTransaction tx, Request request) {
    if (state != State.CONFIRMED) {
      // RFC 3261 §14.2: a re-INVITE while ours is unacknowledged gets 491 Request Pending.
      ua.respond(tx, request, state == State.ANSWERING ? Response.REQUEST_PENDING : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    byte[] raw = request.getRawContent();
    if (raw != null && raw.length > 0) {
      SdpOffer newOffer;
      try {
        newOffer = SdpOffer.parse(new String(raw, StandardCharsets.UTF_8));
      } catch (SdpOffer.MalformedSdpException e) {
        ua.respond(tx, request, Response.BAD_REQUEST, null);
        return;
      } catch (SdpOffer.NotAcceptableException e) {
        // RFC 3261 §14.2: the call goes on with the old session.
        ua.respond(tx, request, Response.NOT_ACCEPTABLE_HERE, null);
        return;
      }
      offer = newOffer;
      if (!"0.0.0.0".equals(offer.address())) {
        rtp.remote(offer.address(), offer.port(), offer.codec());
      }
    }
    sdpVersion++;
    try {
      Response ok = ua.response(request, Response.OK, null);
      ok.addHeader(ua.contact(UserAgentCore.transportOf(request)));
      ua.addAllowAndAccept(ok);
      ua.setSdp(ok, answerSdp());
      ua.send(tx, ok);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build 200 to re-INVITE", e);
      return;
    }
    boolean nowHeld = offer.hold();
    if (nowHeld != held) {
      held = nowHeld;
      counters.increment(nowHeld ? "holds" : "resumes");
      LegListeners.fire(id, holdListener, nowHeld);
    }
  }

  /** INFO carrying a digit (application/dtmf-relay "Signal=5", or application/dtmf "5"). */
  void onInfo(ServerTransaction tx, Request request) {
    ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
    byte[] raw = request.getRawContent();
    String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    String contentType = type == null ? ""
        : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT);
    Character digit;
    switch (contentType) {
      case "application/dtmf-relay" -> digit = DtmfInfo.fromDtmfRelay(body);
      case "application/dtmf" -> digit = DtmfInfo.fromDtmf(body);
      default -> {
        try {
          Response unsupported = ua.response(request, Response.UNSUPPORTED_MEDIA_TYPE, null);
          ua.addAllowAndAccept(unsupported);
          ua.send(tx, unsupported);
        } catch (ParseException e) {
          LOG.log(Level.WARNING, "cannot build 415", e);
        }
        return;
      }
    }
    if (digit == null) {
      ua.respond(tx, request, Response.BAD_REQUEST, null);
      return;
    }
    ua.respond(tx, request, Response.OK, null);
    counters.increment("dtmf_info");
    dtmf(digit);
  }

  /** The gateway is closing: end the call the way its state allows. */
  void shutdown() {
    switch (state) {
      case OFFERED, EARLY -> reject(Response.SERVICE_UNAVAILABLE, "Service Unavailable");
      default -> hangup();
    }
    if (byeAfterAck) {
      // No time to wait for the ACK: send the BYE now rather than leave the carrier with a hung call.
      byeAfterAck = false;
      sendBye();
      owner.forget(this);
    }
  }

  JsonObject debugState() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("callId", callId)
        .put("trunk", trunk)
        .put("from", from)
        .put("to", to)
        .put("state", state.name())
        .put("held", held)
        .put("codec", offer.codec().name())
        .put("remote", offer.address() + ":" + offer.port());
    if (endReason != null) {
      json.put("endReason", endReason.name());
    }
    if (rtp != null) {
      json.put("rtp", rtp.localAddress() + ":" + rtp.localPort());
    }
    return json;
  }

  // ---- internals ----

  private String answerSdp() {
    return SdpAnswer.build(offer, rtp.localAddress(), rtp.localPort(), sdpSessionId, sdpVersion,
        offer.answerDirection());
  }

  private void dtmf(char digit) {
    if (state == State.CONFIRMED || state == State.ANSWERING || state == State.EARLY) {
      LegListeners.fire(id, dtmfListener, digit);
    }
  }

  private void sendBye() {
    ua.bye(dialog, counters);
  }


  private void cancelAckTimer() {
    if (ackTimer >= 0) {
      context.owner().cancelTimer(ackTimer);
      ackTimer = -1;
    }
  }

  private void end(EndReason reason) {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    endReason = reason;
    referral = null;
    if (!byeAfterAck) {
      cancelAckTimer();
      owner.forget(this);
    }
    if (answered != null) {
      answered.tryFail("leg ended: " + reason);
    }
    if (referring != null) {
      referring.legEnded();
    }
    if (rtp != null) {
      rtp.close();
    }
    counters.increment("legs_ended_" + reason.name().toLowerCase(Locale.ROOT));
    Consumer<EndReason> listener = endedListener;
    endedListener = null;
    LegListeners.fire(id, listener, reason);
  }

}
