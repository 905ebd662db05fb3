package io.switchboard.gateway.impl;

import io.switchboard.gateway.Referral;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ListIterator;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.Header;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One REFER received in a trunk leg's dialog (RFC 3515), as a {@link Referral}: the form checks of §2.4.1, the
 * 202 and the implicit subscription's NOTIFYs with {@code message/sipfrag} bodies (§2.4.4-§2.4.7), or RFC 4488's
 * {@code Refer-Sub: false} (no subscription, no NOTIFY). It sends nothing but responses and NOTIFYs in the dialog it
 * arrived in: a referral is never turned into a request anywhere else.
 */
final class IncomingRefer implements Referral {

  private static final Logger LOG = Logger.getLogger(IncomingRefer.class.getName());
  /** How long the implicit subscription lasts unless ended sooner (RFC 3515 §2.4.5 leaves it to the notifier). */
  private static final int SUBSCRIPTION_SECONDS = 60;

  /** A REFER whose form we refuse before anyone looks at its target: the status and reason to answer with. */
  record FormError(int status, String reason) {
  }

  private final UserAgentCore ua;
  private final GatewayCounters counters;
  private final Dialog dialog;
  private final ServerTransaction tx;
  private final Request refer;
  private final String target;
  private final String referTo;
  private final String referredBy;
  private final boolean subscription;
  private final Runnable finished;
  /** Who referred, for the log of refusals: trunk, caller, call. */
  private final String who;
  private boolean answered;
  private boolean ended;

  private IncomingRefer(UserAgentCore ua, GatewayCounters counters, Dialog dialog, ServerTransaction tx,
      Request refer, String target, String who, Runnable finished) {
    this.ua = ua;
    this.counters = counters;
    this.dialog = dialog;
    this.tx = tx;
    this.refer = refer;
    this.target = target;
    this.referTo = valueOf(refer.getHeader(ReferToHeader.NAME));
    this.referredBy = valueOf(refer.getHeader("Referred-By"));
    Header referSub = refer.getHeader("Refer-Sub");
    this.subscription = referSub == null || !"false".equalsIgnoreCase(valueOf(referSub));
    this.finished = finished;
    this.who = who;
  }

  /**
   * Checks the REFER's form (RFC 3515 §2.4.1): exactly one Refer-To; a sip, sips or tel URI naming a number; no
   * method other than INVITE; no embedded Replaces (RFC 3891, which we do not implement). Returns the referral, or
   * throws the answer to give.
   *
   * @param who      trunk, caller and call, for the log of refusals
   * @param finished called once the referral is over (refused, or its last NOTIFY sent)
   */
  static IncomingRefer check(UserAgentCore ua, GatewayCounters counters, Dialog dialog, ServerTransaction tx,
      Request refer, String who, Runnable finished) throws Refused {
    ListIterator<?> headers = refer.getHeaders(ReferToHeader.NAME);
    int count = 0;
    ReferToHeader referTo = null;
    while (headers != null && headers.hasNext()) {
      referTo = (ReferToHeader) headers.next();
      count++;
    }
    if (count != 1) {
      throw new Refused(Response.BAD_REQUEST, "A REFER needs exactly one Refer-To");
    }
    URI uri = referTo.getAddress().getURI();
    String number;
    if (uri instanceof SipURI sip) {
      if (sip.getMethodParam() != null && !Request.INVITE.equalsIgnoreCase(sip.getMethodParam())) {
        throw new Refused(Response.FORBIDDEN, "Only INVITE referrals are accepted");
      }
      if (sip.getHeader("Replaces") != null
          || referTo.toString().toLowerCase(Locale.ROOT).contains("replaces=")) {
        throw new Refused(Response.NOT_IMPLEMENTED, "Replaces is not supported");
      }
      number = sip.getUser();
    } else if (uri instanceof TelURL tel) {
      number = tel.isGlobal() ? "+" + tel.getPhoneNumber() : tel.getPhoneNumber();
    } else {
      throw new Refused(Response.FORBIDDEN, "Refer-To must be a sip, sips or tel URI");
    }
    if (number == null || number.isBlank()) {
      throw new Refused(Response.FORBIDDEN, "Refer-To names no number");
    }
    return new IncomingRefer(ua, counters, dialog, tx, refer, number, who, finished);
  }

  /** A form error, with the answer RFC 3515 or RFC 3261 gives it. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public String referTo() {
    return referTo;
  }

  @Override
  public String referredBy() {
    return referredBy;
  }

  @Override
  public void accept() {
    if (answered) {
      return;
    }
    answered = true;
    counters.increment("refer_accepted");
    try {
      Response accepted = ua.response(refer, Response.ACCEPTED, null);
      accepted.addHeader(ua.contact(UserAgentCore.transportOf(refer)));
      if (!subscription) {
        accepted.addHeader(ua.headers.createHeader("Refer-Sub", "false")); // RFC 4488 §4
      }
      ua.send(tx, accepted);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build 202", e);
    }
    if (subscription) {
      notify("SIP/2.0 100 Trying", SubscriptionStateHeader.ACTIVE);
    }
  }

  @Override
  public void refuse(int status, String reason) {
    if (answered) {
      return;
    }
    if (status < 300 || status > 699) {
      throw new IllegalArgumentException("refuse needs a final error status 300..699, got " + status);
    }
    answered = true;
    ended = true;
    refused(counters, who, refer, status, reason);
    respond(ua, tx, refer, status, reason);
    finished.run();
  }

  @Override
  public void done(int status, String reason) {
    if (!answered || ended) {
      return;
    }
    ended = true;
    if (subscription) {
      notify("SIP/2.0 " + status + " " + reason, SubscriptionStateHeader.TERMINATED);
    }
    finished.run();
  }

  /** The leg ended while the referral was pending: tell the referrer it failed, if the dialog still can. */
  void legEnded() {
    if (answered && !ended) {
      done(Response.SERVICE_UNAVAILABLE, "Service Unavailable");
    }
  }

  /**
   * Logs a refused REFER the way the outbound wall logs its refusals (docs/security.md): who asked, for what, the
   * answer.
   */
  static void refused(GatewayCounters counters, String who, Request refer, int status, String reason) {
    counters.increment("refer_refused");
    Header referredBy = refer.getHeader("Referred-By");
    LOG.warning(() -> "outbound refused: REFER from " + who
        + (referredBy == null ? "" : " referred by " + valueOf(referredBy)) + " to "
        + (refer.getHeader(ReferToHeader.NAME) == null ? "nothing" : valueOf(refer.getHeader(ReferToHeader.NAME)))
        + ": " + status + " " + reason);
  }

  /** Answers a REFER with a status and reason phrase (no body). */
  static void respond(UserAgentCore ua, ServerTransaction tx, Request refer, int status, String reason) {
    try {
      Response response = ua.response(refer, status, null);
      if (reason != null) {
        response.setReasonPhrase(reason);
      }
      ua.send(tx, response);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build " + status + " to REFER", e);
    }
  }

  /** RFC 3515 §2.4.4-§2.4.5: NOTIFY in the REFER's dialog, Event "refer" (id = the REFER's CSeq, §2.4.6). */
  private void notify(String statusLine, String state) {
    try {
      Request notify = dialog.createRequest(Request.NOTIFY);
      EventHeader event = ua.headers.createEventHeader("refer");
      event.setEventId(String.valueOf(((CSeqHeader) refer.getHeader(CSeqHeader.NAME)).getSeqNumber()));
      notify.addHeader(event);
      SubscriptionStateHeader subscriptionState = ua.headers.createSubscriptionStateHeader(state);
      if (SubscriptionStateHeader.ACTIVE.equals(state)) {
        subscriptionState.setExpires(SUBSCRIPTION_SECONDS);
      } else {
        subscriptionState.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
      }
      notify.addHeader(subscriptionState);
      notify.addHeader(ua.contact(UserAgentCore.transportOf(refer)));
      ContentTypeHeader type = ua.headers.createContentTypeHeader("message", "sipfrag");
      type.setParameter("version", "2.0");
      notify.setContent((statusLine + "\r\n").getBytes(StandardCharsets.UTF_8), type);
      dialog.sendRequest(ua.provider.getNewClientTransaction(notify));
      counters.increment("refer_notify_sent");
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot send NOTIFY (" + statusLine + ") for " + dialog.getCallId().getCallId(), e);
    }
  }

  private static String valueOf(Header header) {
    if (header == null) {
      return null;
    }
    String text = header.toString().trim();
    int colon = text.indexOf(':');
    return colon < 0 ? text : text.substring(colon + 1).trim();
  }
}
