package io.switchboard.gateway.impl;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * What JAIN-SIP's parser forgives but RFC 3261 does not, checked on a request it parsed. The stack repairs these
 * silently (collapses spaces, keeps the first of two CSeqs, brackets a bare IPv6 host), so the parsed message no
 * longer shows them: the checks look at the raw start line and the raw header names and name-addr values, never
 * re-parse the message. A failed check throws a ParseException, and the stack answers 400 as for any parse error.
 * RFC 4475 §3.1.2 lists these as invalid; §3.3.8/§3.3.9 (multi01, mcl01) and RFC 5118 §4.2/§4.10 likewise.
 */
final class StrictSyntax {

  /** Headers that must appear once (RFC 3261 §7.3.1: only list-valued headers may repeat), with compact forms. */
  private static final Map<String, String> SINGLE = Map.ofEntries(Map.entry("call-id", "call-id"),
      Map.entry("i", "call-id"), Map.entry("cseq", "cseq"), Map.entry("from", "from"), Map.entry("f", "from"),
      Map.entry("to", "to"), Map.entry("t", "to"), Map.entry("max-forwards", "max-forwards"),
      Map.entry("content-length", "content-length"), Map.entry("l", "content-length"),
      // RFC 3515 §2.4.1: a REFER carries exactly one Refer-To (the stack would keep the first of two).
      Map.entry("refer-to", "refer-to"), Map.entry("r", "refer-to"));
  /** Headers whose values are name-addr / addr-spec (RFC 3261 §20.10, §20.20, §20.39). */
  private static final Set<String> ADDRESSES = Set.of("to", "t", "from", "f", "contact", "m");
  /** RFC 3261 §25.1 token characters besides alphanumerics. */
  private static final String TOKEN_MARKS = "-.!%*_+`'~";

  /**
   * Marks (as the message's application data) a request of another SIP version: the stack's parser rewrites the
   * version to SIP/2.0, so only the raw line shows it, and the answer is 505, not 400 (RFC 3261 §21.5.6).
   */
  static final Object OTHER_SIP_VERSION = new Object();

  private StrictSyntax() {
  }

  static void check(byte[] raw, SIPMessage message) throws ParseException {
    if (!(message instanceof SIPRequest request)) {
      return; // responses we did not ask for are dropped anyway (RFC 3261 §18.1.2)
    }
    // The TCP reader hands over headers with bare LF line ends, the UDP one the datagram as sent.
    String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    int headerEnd = text.indexOf("\n\n");
    String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
    String[] lines = head.split("\n");
    requestLine(lines[0]);
    if (!lines[0].endsWith(" SIP/2.0")) {
      request.setApplicationData(OTHER_SIP_VERSION);
    }
    headers(lines);
    requestUri(request.getRequestURI(), lines[0]);
  }

  /** RFC 3261 §7.1: Method SP Request-URI SP SIP-Version CRLF, single spaces, nothing after the version. */
  private static void requestLine(String line) throws ParseException {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].matches("SIP/\\d+\\.\\d+")) {
      throw new ParseException("Request-Line is not Method SP Request-URI SP SIP-Version", 0);
    }
  }

  private static void headers(String[] lines) throws ParseException {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t' || colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String single = SINGLE.get(name);
      if (single != null && seen.merge(single, 1, Integer::sum) > 1) {
        throw new ParseException(single + " appears more than once", 0);
      }
      if (ADDRESSES.contains(name)) {
        StringBuilder value = new StringBuilder(line.substring(colon + 1));
        while (i + 1 < lines.length && !lines[i + 1].isEmpty()
            && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
          value.append(' ').append(lines[++i].trim());
        }
        address(name, value.toString());
      }
    }
  }

  /**
   * A name-addr's display name is a quoted string or tokens (baddn), nothing but the URI sits inside the angle
   * brackets (badaspec), and an addr-spec with headers must be in angle brackets (regbadct, RFC 3261 §20).
   */
  private static void address(String name, String value) throws ParseException {
    String unquoted = withoutQuotedStrings(value).trim();
    int open = unquoted.indexOf('<');
    if (open < 0) {
      if (unquoted.indexOf('?') >= 0 || unquoted.indexOf(',') >= 0 && !name.startsWith("c") && !name.equals("m")) {
        throw new ParseException(name + ": a URI with headers must be in angle brackets", 0);
      }
      return;
    }
    int close = unquoted.indexOf('>', open);
    if (close < 0) {
      throw new ParseException(name + ": unbalanced angle brackets", 0);
    }
    for (char c : unquoted.substring(0, open).toCharArray()) {
      if (!Character.isLetterOrDigit(c) && TOKEN_MARKS.indexOf(c) < 0 && c != ' ' && c != '\t' && c != '"') {
        throw new ParseException(name + ": display name must be quoted", 0);
      }
    }
    String inside = unquoted.substring(open + 1, close);
    if (!inside.equals(inside.strip())) {
      throw new ParseException(name + ": white space inside angle brackets", 0);
    }
  }

  /** Replaces quoted strings (with their quoted-pairs, RFC 3261 §25.1) by an empty pair of quotes. */
  private static String withoutQuotedStrings(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
          out.append('"');
        }
      } else if (c == '"') {
        quoted = true;
        out.append('"');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * No headers in a Request-URI (RFC 3261 §19.1.1, table 1: "not allowed"), and an IPv6 host only as a bracketed,
   * valid reference (RFC 5118 §4.2, §4.10): the stack brackets a bare one and takes three colons in a row.
   */
  private static void requestUri(URI uri, String requestLine) throws ParseException {
    if (!(uri instanceof SipURI sip)) {
      return;
    }
    if (sip.getHeaderNames() != null && sip.getHeaderNames().hasNext()) {
      throw new ParseException("Request-URI must not carry headers", 0);
    }
    String host = sip.getHost();
    if (host == null || host.indexOf(':') < 0) {
      return;
    }
    if (requestLine.indexOf('[') < 0) {
      throw new ParseException("IPv6 reference without brackets", 0);
    }
    String literal = host.startsWith("[") ? host : "[" + host + "]";
    try {
      InetAddress.getByName(literal); // bracketed: a literal or an error, never a DNS lookup
    } catch (UnknownHostException e) {
      throw new ParseException("invalid IPv6 reference", 0);
    }
  }
}
