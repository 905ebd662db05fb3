package io.switchboard.gateway.impl;

import io.switchboard.gateway.DialRequest;
import io.switchboard.gateway.OutboundConfig;
import io.switchboard.gateway.OutboundLeg;
import io.switchboard.media.RtpLeg;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One call we place on a trunk (RFC 3261 §13.2): our INVITE, a second one answering the carrier's digest challenge
 * (§22.2), provisional responses (180 ringing, 183 early media, RFC 3960), the ACK of the 2xx, CANCEL before the
 * answer (§9.1), BYE either way. Lives on the gateway's context; the gateway hops there before any {@code on*}.
 *
 * <pre>
 * CALLING --1xx--> PROCEEDING --2xx/ACK--> ANSWERED --BYE--> ENDED
 *    |                 |  (ring timeout / hangup: CANCEL)
 *    +-----------------+--final error / timeout-----------------> ENDED
 * </pre>
 *
 * <p>After a local end the leg lingers in the gateway's table until the INVITE transaction is over, so a 1xx that
 * arrives late still gets our CANCEL and a 2xx that crosses it still gets ACK and BYE.
 */
final class OutboundLegImpl implements OutboundLeg {

  private static final Logger LOG = Logger.getLogger(OutboundLegImpl.class.getName());
  /** RFC 3261 §17.1.1.2 Timer B: an INVITE transaction is over after 64*T1 at the latest. */
  static final long LINGER_MILLIS = 32_000;
  /** One answer to a challenge; a second challenge means the credentials are wrong. */
  private static final int MAX_CHALLENGES = 1;

  enum State { CALLING, PROCEEDING, ANSWERED, ENDED }

  /** Where a leg reports that the gateway may forget it. */
  interface Owner {
    void forget(OutboundLegImpl leg);
  }

  private final String id;
  private final DialRequest request;
  private final OutboundConfig outbound;
  private final UserAgentCore ua;
  private final Context context;
  private final GatewayCounters counters;
  private final Owner owner;
  private final RtpLeg rtp;
  private final String callId;
  private final String fromTag = UserAgentCore.newTag();
  private final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
  private final Promise<Void> answered = Promise.promise();

  private State state = State.CALLING;
  private long cseq = 1;
  private int challenges;
  private ClientTransaction inviteTx;
  private Dialog dialog;
  private boolean cancelWhenProvisional;
  private boolean finalReceived;
  private boolean mediaKnown;
  private long ringTimer = -1;
  private Ended ended;
  private Consumer<Progress> progressListener;
  private Consumer<Ended> endedListener;

  OutboundLegImpl(String id, DialRequest request, OutboundConfig outbound, UserAgentCore ua, Context context,
      GatewayCounters counters, Owner owner, RtpLeg rtp) {
    this.id = id;
    this.request = request;
    this.outbound = outbound;
    this.ua = ua;
    this.context = context;
    this.counters = counters;
    this.owner = owner;
    this.rtp = rtp;
    this.callId = ua.provider.getNewCallId().getCallId();
  }

  // ---- OutboundLeg ----

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
    return request.trunk();
  }

  @Override
  public String to() {
    return request.number();
  }

  @Override
  public RtpLeg media() {
    return rtp;
  }

  @Override
  public void onProgress(Consumer<Progress> listener) {
    this.progressListener = listener;
  }

  @Override
  public Future<Void> answered() {
    return answered.future();
  }

  @Override
  public void onEnded(Consumer<Ended> listener) {
    context.runOnContext(v -> {
      endedListener = listener;
      if (state == State.ENDED) {
        endedListener = null;
        LegListeners.fire(id, listener, ended);
      }
    });
  }

  @Override
  public void hangup() {
    context.runOnContext(v -> hangupHere());
  }

  // ---- from the gateway, on the context ----

  /** Sends the first INVITE and starts the ring timer. False if it could not be sent (the leg has ended). */
  boolean start() {
    ringTimer = context.owner().setTimer(request.ringTimeout().toMillis(), t -> {
      ringTimer = -1;
      ringTimeout();
    });
    return sendInvite(null);
  }

  String fromTag() {
    return fromTag;
  }

  State state() {
    return state;
  }

  void onResponse(Response response, ClientTransaction tx, Dialog responseDialog) {
    String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
    if (!method.equals(Request.INVITE)) {
      return; // 200 to our CANCEL or BYE: nothing more to do
    }
    int status = response.getStatusCode();
    if (status >= 200 && status < 300) {
      onSuccess(response, responseDialog);
      return;
    }
    if (tx != null && tx != inviteTx) {
      return; // the late answer of the INVITE our challenge answer replaced
    }
    if (status < 200) {
      onProvisional(response);
      return;
    }
    finalReceived = true;
    if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
        && state != State.ENDED && outbound.authenticates() && challenges++ < MAX_CHALLENGES) {
      counters.increment("outbound_challenged");
      finalReceived = false;
      sendInvite(response);
      return;
    }
    if (state == State.ENDED) {
      owner.forget(this);
      return;
    }
    end(FinalResponses.reason(status), status, response.getReasonPhrase());
  }

  /** Timer B fired for our INVITE: the carrier never answered (RFC 3261 §17.1.1.2). */
  void onTimeout(ClientTransaction tx) {
    if (tx != inviteTx) {
      return;
    }
    finalReceived = true;
    if (state == State.ENDED) {
      owner.forget(this);
    } else {
      end(EndReason.UNREACHABLE, 408, "No response from the carrier");
    }
  }

  void onBye(ServerTransaction tx, Request bye) {
    ua.respond(tx, bye, Response.OK, null);
    if (state == State.ANSWERED) {
      end(EndReason.REMOTE_HUNG_UP, 0, "BYE");
    }
  }

  /** A re-INVITE from the carrier (session refresh, hold): answered from its offer with our same port. */
  void onReInvite(ServerTransaction tx, Request reInvite) {
    if (state != State.ANSWERED) {
      ua.respond(tx, reInvite, Response.REQUEST_PENDING, null);
      return;
    }
    try {
      byte[] raw = reInvite.getRawContent();
      SdpOffer offer = SdpOffer.parse(raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
      if (!"0.0.0.0".equals(offer.address())) {
        rtp.remote(offer.address(), offer.port(), offer.codec());
      }
      Response ok = ua.response(reInvite, Response.OK, null);
      ok.addHeader(ua.contact("udp"));
      ua.setSdp(ok, SdpAnswer.build(offer, rtp.localAddress(), rtp.localPort(), sdpSessionId, ++cseq,
          offer.answerDirection()));
      ua.send(tx, ok);
    } catch (SdpOffer.MalformedSdpException | SdpOffer.NotAcceptableException e) {
      ua.respond(tx, reInvite, Response.NOT_ACCEPTABLE_HERE, null);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot answer a re-INVITE on " + callId, e);
    }
  }

  /** The gateway is closing. */
  void shutdown() {
    hangupHere();
  }

  JsonObject debugState() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("callId", callId)
        .put("trunk", request.trunk())
        .put("direction", "outbound")
        .put("to", request.number())
        .put("callerId", request.callerId())
        .put("state", state.name())
        .put("rtp", rtp.localAddress() + ":" + rtp.localPort());
    if (ended != null) {
      json.put("endReason", ended.reason().name()).put("status", ended.status());
    }
    return json;
  }

  // ---- internals ----

  private void hangupHere() {
    switch (state) {
      case CALLING -> {
        // RFC 3261 §9.1: no CANCEL before a provisional response; it goes out when one arrives.
        cancelWhenProvisional = true;
        end(EndReason.CANCELLED, 0, "Cancelled before any response");
      }
      case PROCEEDING -> {
        sendCancel();
        end(EndReason.CANCELLED, 0, "Cancelled");
      }
      case ANSWERED -> {
        sendBye();
        end(EndReason.WE_HUNG_UP, 0, "BYE");
      }
      case ENDED -> {
      }
    }
  }

  private void ringTimeout() {
    if (state == State.CALLING) {
      cancelWhenProvisional = true;
      end(EndReason.UNREACHABLE, 0, "No response within " + request.ringTimeout().toSeconds() + " s");
    } else if (state == State.PROCEEDING) {
      sendCancel();
      end(EndReason.NO_ANSWER, 0, "Not answered within " + request.ringTimeout().toSeconds() + " s");
    }
  }

  private void onProvisional(Response response) {
    if (state == State.CALLING) {
      state = State.PROCEEDING;
    }
    if (cancelWhenProvisional) {
      cancelWhenProvisional = false;
      sendCancel();
      return;
    }
    if (state == State.ENDED || response.getStatusCode() == Response.TRYING) {
      return;
    }
    boolean withSdp = hasSdp(response);
    if (withSdp && applyAnswer(response)) {
      LegListeners.fire(id, progressListener, Progress.EARLY_MEDIA);
    } else if (response.getStatusCode() == Response.RINGING && !mediaKnown) {
      // Stack threads may hand a 180 and the 183 sent right after it over in either order: once early media
      // flows, a late 180 says nothing new.
      LegListeners.fire(id, progressListener, Progress.RINGING);
    }
  }

  private void onSuccess(Response response, Dialog responseDialog) {
    finalReceived = true;
    if (responseDialog != null) {
      dialog = responseDialog;
    }
    long number = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
    if (!sendAck(number)) {
      if (state != State.ENDED) {
        end(EndReason.FAILED, response.getStatusCode(), "cannot send ACK");
      }
      return;
    }
    if (state == State.ANSWERED) {
      return; // a retransmitted 2xx, acknowledged again
    }
    if (state == State.ENDED) {
      // Our CANCEL crossed the callee's answer: acknowledge, then end the dialog at once (RFC 3261 §9.1).
      sendBye();
      owner.forget(this);
      return;
    }
    if (hasSdp(response)) {
      if (!applyAnswer(response)) {
        sendBye();
        end(EndReason.INCOMPATIBLE, response.getStatusCode(), "unusable SDP answer");
        return;
      }
    } else if (!mediaKnown) {
      sendBye();
      end(EndReason.INCOMPATIBLE, response.getStatusCode(), "2xx without an SDP answer");
      return;
    }
    state = State.ANSWERED;
    cancelRingTimer();
    counters.increment("outbound_answered");
    answered.tryComplete();
  }

  private boolean applyAnswer(Response response) {
    try {
      SdpOffer answer = SdpOffer.parse(new String(response.getRawContent(), StandardCharsets.UTF_8));
      rtp.remote(answer.address(), answer.port(), answer.codec());
      mediaKnown = true;
      return true;
    } catch (SdpOffer.MalformedSdpException | SdpOffer.NotAcceptableException e) {
      LOG.info(() -> "outbound " + callId + ": unusable SDP answer: " + e.getMessage());
      return false;
    }
  }

  private static boolean hasSdp(Response response) {
    ContentTypeHeader type = (ContentTypeHeader) response.getHeader(ContentTypeHeader.NAME);
    byte[] raw = response.getRawContent();
    return type != null && raw != null && raw.length > 0
        && "sdp".equalsIgnoreCase(type.getContentSubType());
  }

  private boolean sendInvite(Response challenge) {
    try {
      Request invite = buildInvite(challenge);
      ClientTransaction tx = ua.provider.getNewClientTransaction(invite);
      tx.setApplicationData(this);
      // Automatic dialog support is off (StackProperties): the dialog of each INVITE is created here, before it
      // is sent, as JAIN-SIP requires.
      dialog = ua.provider.getNewDialog(tx);
      inviteTx = tx;
      tx.sendRequest();
      counters.increment(challenge == null ? "outbound_invites" : "outbound_invites_authenticated");
      return true;
    } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
      LOG.log(Level.WARNING, "outbound " + callId + ": cannot send INVITE", e);
      end(EndReason.FAILED, 0, "cannot send INVITE: " + e.getMessage());
      return false;
    }
  }

  private Request buildInvite(Response challenge) throws ParseException, InvalidArgumentException {
    SipURI requestUri = sipUri(request.number(), outbound.proxy());
    Address calling = ua.addresses.createAddress(ua.addresses.createSipURI(request.callerId(), outbound.domain()));
    Address called = ua.addresses.createAddress(sipUri(request.number(), outbound.domain()));
    Request invite = ua.messages.createRequest(requestUri, Request.INVITE,
        ua.headers.createCallIdHeader(callId),
        ua.headers.createCSeqHeader(cseq++, Request.INVITE),
        ua.headers.createFromHeader(calling, fromTag),
        ua.headers.createToHeader(called, null),
        List.of(ua.headers.createViaHeader(ua.announcedAddress, ua.port, "udp", null)),
        ua.headers.createMaxForwardsHeader(70));
    invite.addHeader(ua.contact("udp"));
    // RFC 3325 §9.1: the identity we assert (the hotline's number); carriers show it as the caller id.
    invite.addHeader(ua.headers.createHeader("P-Asserted-Identity", "<" + calling.getURI() + ">"));
    invite.addHeader(ua.headers.createAllowHeader(UserAgentCore.ALLOW));
    if (challenge != null) {
      invite.addHeader(DigestAnswer.to(challenge, ua, Request.INVITE, requestUri.toString(), outbound.username(),
          outbound.password()));
    }
    invite.setContent(SdpLocalOffer.build(rtp.localAddress(), rtp.localPort(), sdpSessionId, 1),
        ua.headers.createContentTypeHeader("application", "sdp"));
    return invite;
  }

  private SipURI sipUri(String user, String hostPort) throws ParseException {
    String[] parts = hostPort.split(":");
    SipURI uri = ua.addresses.createSipURI(user, parts[0]);
    if (parts.length > 1) {
      try {
        uri.setPort(Integer.parseInt(parts[1]));
      } catch (NumberFormatException e) {
        throw new ParseException("bad port in " + hostPort, 0);
      }
    }
    if (user.startsWith("+")) {
      uri.setUserParam("phone"); // RFC 3261 §19.1.1: a telephone-subscriber user part
    }
    return uri;
  }

  private boolean sendAck(long number) {
    if (dialog == null) {
      return false;
    }
    try {
      dialog.sendAck(dialog.createAck(number));
      return true;
    } catch (SipException | InvalidArgumentException | RuntimeException e) {
      LOG.log(Level.WARNING, "outbound " + callId + ": cannot send ACK", e);
      return false;
    }
  }

  private void sendCancel() {
    if (inviteTx == null) {
      return;
    }
    try {
      Request cancel = inviteTx.createCancel();
      ua.provider.getNewClientTransaction(cancel).sendRequest();
      counters.increment("outbound_cancels");
    } catch (SipException | RuntimeException e) {
      LOG.log(Level.WARNING, "outbound " + callId + ": cannot send CANCEL", e);
    }
  }

  private void sendBye() {
    ua.bye(dialog, counters);
  }


  private void cancelRingTimer() {
    if (ringTimer >= 0) {
      context.owner().cancelTimer(ringTimer);
      ringTimer = -1;
    }
  }

  private void end(EndReason reason, int status, String phrase) {
    if (state == State.ENDED) {
      return;
    }
    boolean wasAnswered = state == State.ANSWERED;
    state = State.ENDED;
    ended = new Ended(reason, status, phrase == null ? "" : phrase);
    cancelRingTimer();
    rtp.close();
    counters.increment("outbound_ended_" + reason.name().toLowerCase(Locale.ROOT));
    if (wasAnswered || finalReceived) {
      owner.forget(this);
    } else {
      // Linger until the INVITE transaction is surely over (see the class comment).
      context.owner().setTimer(LINGER_MILLIS, t -> owner.forget(this));
    }
    answered.tryFail("outbound call ended: " + reason);
    Consumer<Ended> listener = endedListener;
    endedListener = null;
    LegListeners.fire(id, listener, ended);
  }

}
