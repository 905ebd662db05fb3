package io.switchboard.gateway.impl;

import io.switchboard.gateway.SipTrafficObserver;
import java.text.ParseException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The message-building half of our user agent (RFC 3261 §8.2): factories, our Contact, and sending responses on
 * server transactions. Safe to use from any thread; send failures are logged and reported, never thrown.
 */
final class UserAgentCore {

  private static final Logger LOG = Logger.getLogger(UserAgentCore.class.getName());

  static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER";
  static final List<String> ACCEPT = List.of("application/sdp", "application/dtmf-relay", "application/dtmf");

  final SipProvider provider;
  final HeaderFactory headers;
  final MessageFactory messages;
  final AddressFactory addresses;
  final String announcedAddress;
  final int port;
  /** Told of every response we send; {@link SipTrafficObserver#NONE} unless the server counts them. */
  SipTrafficObserver observer = SipTrafficObserver.NONE;

  UserAgentCore(SipProvider provider, HeaderFactory headers, MessageFactory messages, AddressFactory addresses,
      String announcedAddress, int port) {
    this.provider = provider;
    this.headers = headers;
    this.messages = messages;
    this.addresses = addresses;
    this.announcedAddress = announcedAddress;
    this.port = port;
  }

  static String newTag() {
    return Digest.randomHex(8);
  }

  /** The transport the request arrived on, from its top Via ("udp" or "tcp"). */
  static String transportOf(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null ? "udp" : via.getTransport().toLowerCase(java.util.Locale.ROOT);
  }

  ContactHeader contact(String transport) throws ParseException {
    Address address = addresses.createAddress("sip:" + announcedAddress + ":" + port + ";transport=" + transport);
    return headers.createContactHeader(address);
  }

  /** A response with our To tag (absent on 100, RFC 3261 §8.2.6.2). */
  Response response(Request request, int status, String toTag) throws ParseException {
    Response response = messages.createResponse(status, request);
    if (status > 100 && toTag != null) {
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (to.getTag() == null) {
        to.setTag(toTag);
      }
    }
    return response;
  }

  void addAllowAndAccept(Response response) throws ParseException {
    response.addHeader(headers.createAllowHeader(ALLOW));
    for (String type : ACCEPT) {
      String[] parts = type.split("/");
      response.addHeader(headers.createAcceptHeader(parts[0], parts[1]));
    }
  }

  void setSdp(Response response, String sdp) throws ParseException {
    ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
    response.setContent(sdp, type);
  }

  /** Sends a status with no body; for final responses the To tag is {@code toTag}. Returns false if it failed. */
  boolean respond(ServerTransaction tx, Request request, int status, String toTag) {
    try {
      return send(tx, response(request, status, toTag));
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build " + status + " response", e);
      return false;
    }
  }

  boolean send(ServerTransaction tx, Response response) {
    try {
      tx.sendResponse(response);
      sent(response);
      return true;
    } catch (SipException | InvalidArgumentException | RuntimeException e) {
      LOG.log(Level.FINE, "cannot send " + response.getStatusCode() + " response", e);
      return false;
    }
  }

  /** Sends a response outside any transaction we own (e.g. to a request the stack left without one). */
  boolean sendStateless(Request request, int status) {
    try {
      Response response = response(request, status, newTag());
      provider.sendResponse(response);
      sent(response);
      return true;
    } catch (ParseException | SipException | RuntimeException e) {
      LOG.log(Level.FINE, "cannot send stateless " + status, e);
      return false;
    }
  }

  private void sent(Response response) {
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    observer.responseSent(cseq == null ? "UNKNOWN" : cseq.getMethod(), response.getStatusCode());
  }

  /** Sends BYE in {@code dialog} (RFC 3261 §15.1.1); failures are logged, never thrown. */
  boolean bye(javax.sip.Dialog dialog, GatewayCounters counters) {
    if (dialog == null) {
      return false;
    }
    try {
      Request bye = dialog.createRequest(Request.BYE);
      dialog.sendRequest(provider.getNewClientTransaction(bye));
      counters.increment("bye_sent");
      return true;
    } catch (SipException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot send BYE for " + dialog.getCallId().getCallId(), e);
      return false;
    }
  }
}
