package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Just enough of a SIP response datagram for the flood run's fake peers: the status code, the CSeq method and
 * whether a header is present. The server's answers are well formed (JAIN-SIP writes them), so no general parser
 * is needed; anything that is not a response gives status 0.
 */
record SipDatagram(int status, String cseqMethod, String callId, boolean retryAfter) {

  static SipDatagram parse(byte[] data, int length) {
    String text = new String(data, 0, length, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("SIP/2.0 ") || text.length() < 11) {
      return new SipDatagram(0, "", "", false);
    }
    int status;
    try {
      status = Integer.parseInt(text.substring(8, 11));
    } catch (NumberFormatException e) {
      return new SipDatagram(0, "", "", false);
    }
    String cseq = header(text, "CSeq", null);
    String method = cseq == null ? "" : cseq.substring(cseq.indexOf(' ') + 1).trim();
    String callId = header(text, "Call-ID", "i");
    return new SipDatagram(status, method, callId == null ? "" : callId, header(text, "Retry-After", null) != null);
  }

  /** The value of the first header named {@code name} (or its RFC 3261 §7.3.3 compact form), or null. */
  private static String header(String text, String name, String compact) {
    for (String line : text.split("\r\n")) {
      if (line.isEmpty()) {
        return null;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        String h = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (h.equals(name.toLowerCase(Locale.ROOT)) || (compact != null && h.equals(compact))) {
          return line.substring(colon + 1).trim();
        }
      }
    }
    return null;
  }

  /** An INVITE with an SDP offer of PCMU on {@code rtpPort}; {@code id} makes Call-ID, branch and tag unique. */
  static String invite(String server, String did, String local, int sipPort, int rtpPort, String caller, String id) {
    String sdp = "v=0\r\no=flood 1 1 IN IP4 " + local + "\r\ns=-\r\nc=IN IP4 " + local + "\r\nt=0 0\r\n"
        + "m=audio " + rtpPort + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    return "INVITE sip:" + did + "@" + server + " SIP/2.0\r\n"
        + via(local, sipPort, id)
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + caller + "@" + local + ">;tag=t" + id + "\r\n"
        + "To: <sip:" + did + "@" + server + ">\r\n"
        + "Call-ID: " + id + "@" + local + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:" + caller + "@" + local + ":" + sipPort + ">\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
  }

  /**
   * The CANCEL (RFC 3261 §9.1: same Request-URI, Call-ID, From, To, CSeq number and Via branch as the INVITE), or
   * with {@code method} "ACK" the ACK of a final non-2xx answer (§17.1.1.3, the To tag left out: the server's
   * transaction matches on the branch).
   */
  static String cancelOrAck(String method, String server, String did, String local, int sipPort, String caller,
      String id) {
    return method + " sip:" + did + "@" + server + " SIP/2.0\r\n"
        + via(local, sipPort, id)
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + caller + "@" + local + ">;tag=t" + id + "\r\n"
        + "To: <sip:" + did + "@" + server + ">\r\n"
        + "Call-ID: " + id + "@" + local + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** OPTIONS or REGISTER out of any dialog (a keepalive, a scanner, a registration flood). */
  static String request(String method, String server, String local, int sipPort, String id) {
    String user = method.equals("REGISTER") ? "flood@" : "";
    return method + " sip:" + server + " SIP/2.0\r\n"
        + via(local, sipPort, id)
        + "Max-Forwards: 70\r\n"
        + "From: <sip:flood@" + local + ">;tag=t" + id + "\r\n"
        + "To: <sip:" + user + server + ">\r\n"
        + "Call-ID: " + id + "@" + local + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Contact: <sip:flood@" + local + ":" + sipPort + ">\r\n"
        + (method.equals("REGISTER") ? "Expires: 3600\r\n" : "")
        + "Content-Length: 0\r\n\r\n";
  }

  private static String via(String local, int sipPort, String id) {
    return "Via: SIP/2.0/UDP " + local + ":" + sipPort + ";branch=z9hG4bK-" + id + ";rport\r\n";
  }
}
