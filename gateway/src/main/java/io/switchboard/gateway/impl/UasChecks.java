package io.switchboard.gateway.impl;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.header.AcceptHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The header inspection every request gets before its method's handling (RFC 3261 §8.2.2): a Request-URI scheme we
 * do not serve is refused with 416 (§8.2.2.1), a Require naming an extension we lack with 420 and the extensions in
 * Unsupported (§8.2.2.3). We support no extension, so any option tag in Require is refused. CANCEL and ACK are
 * never refused here (§8.2.2.3: Require is ignored in them). Stateless helper, safe on any thread.
 */
final class UasChecks {

  private static final Logger LOG = Logger.getLogger(UasChecks.class.getName());

  private final UserAgentCore ua;
  private final GatewayCounters counters;

  UasChecks(UserAgentCore ua, GatewayCounters counters) {
    this.ua = ua;
    this.counters = counters;
  }

  /** True when it answered the request (416 or 420): the caller does nothing more with it. */
  boolean refused(ServerTransaction tx, Request request) {
    String method = request.getMethod();
    if (method.equals(Request.ACK) || method.equals(Request.CANCEL)) {
      return false;
    }
    if (!(request.getRequestURI() instanceof SipURI) && !(request.getRequestURI() instanceof TelURL)) {
      counters.increment("rejected_uri_scheme");
      ua.respond(tx, request, Response.UNSUPPORTED_URI_SCHEME, UserAgentCore.newTag());
      return true;
    }
    List<String> unsupported = requiredExtensions(request);
    if (unsupported.isEmpty()) {
      return false;
    }
    counters.increment("rejected_extension");
    try {
      Response response = ua.response(request, Response.BAD_EXTENSION, UserAgentCore.newTag());
      for (String tag : unsupported) {
        response.addHeader(ua.headers.createUnsupportedHeader(tag));
      }
      ua.send(tx, response);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build 420", e);
    }
    return true;
  }

  /**
   * False when the request's Accept (RFC 3261 §20.1) leaves no room for the SDP our answer carries: then 406
   * (§21.4.7; RFC 4475 §3.3.15). No Accept at all means application/sdp (§20.1).
   */
  static boolean acceptsSdp(Request request) {
    ListIterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
    boolean any = false;
    while (accepts != null && accepts.hasNext()) {
      AcceptHeader accept = (AcceptHeader) accepts.next();
      String type = accept.getContentType() == null ? "" : accept.getContentType().toLowerCase(Locale.ROOT);
      String sub = accept.getContentSubType() == null ? "" : accept.getContentSubType().toLowerCase(Locale.ROOT);
      if (type.isEmpty() && sub.isEmpty()) {
        continue; // an empty Accept value
      }
      any = true;
      if ((type.equals("*") || type.equals("application")) && (sub.equals("*") || sub.equals("sdp"))) {
        return true;
      }
    }
    return !any;
  }

  private static List<String> requiredExtensions(Request request) {
    List<String> tags = new ArrayList<>();
    ListIterator<?> requires = request.getHeaders(RequireHeader.NAME);
    while (requires != null && requires.hasNext()) {
      String tag = ((RequireHeader) requires.next()).getOptionTag();
      if (tag != null && !tag.isBlank()) {
        tags.add(tag.trim());
      }
    }
    return tags;
  }
}
