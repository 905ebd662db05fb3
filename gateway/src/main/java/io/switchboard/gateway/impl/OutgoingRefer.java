package io.switchboard.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One REFER we send in an inbound leg's dialog (RFC 3515): the carrier is asked to call a number itself and to
 * report, in the NOTIFYs of the implicit subscription, how that call went ({@code message/sipfrag}, §2.4.5). The
 * outcome completes with the first final status of a sipfrag (2xx: the carrier connected our caller there), or fails
 * when the REFER itself is refused or the leg ends first. Touched on the gateway's context only.
 */
final class OutgoingRefer {

  /** The status line of a sipfrag body (RFC 3420), e.g. {@code SIP/2.0 200 OK}. */
  private static final Pattern SIPFRAG_STATUS = Pattern.compile("\\ASIP/2\\.0\\s+(\\d{3})");

  /** A refused REFER, or a final non-2xx in the sipfrag. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final Promise<Integer> outcome = Promise.promise();

  private OutgoingRefer() {
  }

  /**
   * Sends REFER with {@code Refer-To: <sip:e164@host>}, the host being the far end's (the carrier routes the number
   * as it would a call of its own).
   */
  static OutgoingRefer send(Dialog dialog, UserAgentCore ua, String e164) throws SipException, ParseException {
    SipURI remote = (SipURI) dialog.getRemoteTarget().getURI();
    String host = remote.getHost() + (remote.getPort() > 0 ? ":" + remote.getPort() : "");
    Request refer = dialog.createRequest(Request.REFER);
    refer.addHeader(ua.headers.createHeader("Refer-To", "<sip:" + e164 + "@" + host + ">"));
    OutgoingRefer sent = new OutgoingRefer();
    ClientTransaction tx = ua.provider.getNewClientTransaction(refer);
    tx.setApplicationData(sent);
    dialog.sendRequest(tx);
    return sent;
  }

  Future<Integer> outcome() {
    return outcome.future();
  }

  /** The REFER's own response: 202 (RFC 3515 §2.4.2) means wait for the NOTIFYs; an error ends it. */
  void onResponse(Response response) {
    int status = response.getStatusCode();
    if (status >= 300) {
      outcome.tryFail(new Refused(status, "REFER refused: " + status + " " + response.getReasonPhrase()));
    }
  }

  /** A NOTIFY of the subscription (Event: refer): its sipfrag's final status decides. */
  void onNotify(Request notify) {
    byte[] raw = notify.getRawContent();
    Matcher m = SIPFRAG_STATUS.matcher(raw == null ? "" : new String(raw, StandardCharsets.UTF_8).strip());
    if (!m.find()) {
      return;
    }
    int status = Integer.parseInt(m.group(1));
    if (status >= 300) {
      outcome.tryFail(new Refused(status, "the referred call failed: " + status));
    } else if (status >= 200) {
      outcome.tryComplete(status);
    }
  }

  /** Whether this NOTIFY belongs to a REFER subscription (RFC 3515 §2.4.4: {@code Event: refer}). */
  static boolean isReferNotify(Request notify) {
    javax.sip.header.Header event = notify.getHeader("Event");
    return event != null && event.toString().toLowerCase(java.util.Locale.ROOT).contains("refer");
  }

  void legEnded() {
    outcome.tryFail(new Refused(0, "the call ended before the REFER's outcome"));
  }
}
