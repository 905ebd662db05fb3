package io.switchboard.gateway.impl;

import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.text.ParseException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The thin adapter in front of JAIN-SIP's transaction layer: the stack hands it every parsed message with the
 * channel it arrived on, before any transaction or dialog state exists (property
 * {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}). It does two things and nothing else:
 *
 * <ol>
 *   <li>A request whose top Via names another transport than the one it came over (RFC 4475's messages claim TCP
 *       or TLS but arrive by UDP here) is answered over the transport it used: the stack picks the response's
 *       transport from the Via (RFC 3261 §18.2.2), and a TCP connection back to a UDP port can only fail, leaving the
 *       peer with no answer at all.</li>
 *   <li>The {@link FloodGuard}, once bound, decides before the stack spends anything on the request: pass, drop, or
 *       a stateless 503 with Retry-After.</li>
 * </ol>
 *
 * <p>The stack creates this class by reflection, before listening; {@link SipGatewayImpl} binds its guard right
 * after creating the stack, so no request is ever seen unbound.
 */
public final class EdgeValve implements SIPMessageValve {

  private static final Logger LOG = Logger.getLogger(EdgeValve.class.getName());

  private volatile FloodGuard guard;
  private volatile GatewayCounters counters;

  /** Called by the stack through reflection. */
  public EdgeValve() {
  }

  void bind(FloodGuard floodGuard, GatewayCounters gatewayCounters) {
    this.counters = gatewayCounters;
    this.guard = floodGuard;
  }

  @Override
  public boolean processRequest(SIPRequest request, MessageChannel channel) {
    answerOnArrivalTransport(request, channel);
    if (request.getApplicationData() == StrictSyntax.OTHER_SIP_VERSION) {
      // RFC 3261 §21.5.6; RFC 4475 §3.1.2.16 (badvers). Stateless: no transaction for a protocol we do not speak.
      count("rejected_version");
      if (!request.getMethod().equals(Request.ACK)) {
        sendStateless(request, channel, Response.VERSION_NOT_SUPPORTED, 0);
      }
      return false;
    }
    FloodGuard g = guard;
    if (g == null) {
      return true;
    }
    FloodGuard.Verdict verdict = g.admit(request, channel.getPeerPacketSourceAddress());
    switch (verdict) {
      case PASS -> {
        return true;
      }
      case BUSY -> {
        sendStateless(request, channel, Response.SERVICE_UNAVAILABLE, g.retryAfterSeconds());
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  private void answerOnArrivalTransport(SIPRequest request, MessageChannel channel) {
    Via top = request.getTopmostVia();
    String arrived = channel.getTransport();
    if (top == null || arrived == null || arrived.equalsIgnoreCase(top.getTransport())) {
      return;
    }
    try {
      top.setTransport(arrived.toUpperCase(Locale.ROOT));
      count("via_transport_mismatch");
    } catch (ParseException e) {
      LOG.fine(() -> "cannot set Via transport " + arrived);
    }
  }

  private void count(String name) {
    GatewayCounters c = counters;
    if (c != null) {
      c.increment(name);
    }
  }

  /**
   * A response sent statelessly on the channel the request came in on, so a flood leaves no transaction behind;
   * with Retry-After when {@code retryAfter} > 0 (RFC 3261 §21.5.4: when to try again after a 503).
   */
  private static void sendStateless(SIPRequest request, MessageChannel channel, int status, int retryAfter) {
    try {
      SIPResponse response = request.createResponse(status);
      ((To) response.getTo()).setTag(UserAgentCore.newTag());
      if (retryAfter > 0) {
        RetryAfter header = new RetryAfter();
        header.setRetryAfter(retryAfter);
        response.setHeader(header);
      }
      // To the packet's source, as every answer of ours (ALWAYS_ADD_RPORT): the channel alone would use the Via.
      channel.sendMessage(response, channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort());
    } catch (Exception e) {
      LOG.fine(() -> "cannot send " + status + ": " + e);
    }
  }

  @Override
  public boolean processResponse(Response response, MessageChannel channel) {
    return true;
  }

  @Override
  public void init(SipStack stack) {
  }

  @Override
  public void destroy() {
  }
}
