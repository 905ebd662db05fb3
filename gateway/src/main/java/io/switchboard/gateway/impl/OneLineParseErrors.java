package io.switchboard.gateway.impl;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * The stack's message parser, with parse errors reduced to one printable line.
 *
 * <p>Why: when a request cannot be parsed (say {@code CSeq: one INVITE}), JAIN-SIP RI answers 400 itself and
 * writes the ParseException's message into the status line: "SIP/2.0 400 Bad Request (CSeq: one INVITE\n:Number
 * format exception)". That message carries the raw header and a line break, so the 400 is itself malformed and the
 * caller cannot parse it (SIPp: "No valid Call-ID"). Rethrowing with a one-line message keeps the 400 parseable.
 * Set through {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}; used for UDP and TCP. It is also where
 * {@link StrictSyntax} refuses what the parser forgives, with the same 400.
 */
public final class OneLineParseErrors implements MessageParserFactory {

  /** Called by the stack through reflection. */
  public OneLineParseErrors() {
  }

  @Override
  public MessageParser createMessageParser(SIPTransactionStack stack) {
    StringMsgParser parser = new StringMsgParser();
    return (bytes, readBody, strict, listener) -> parse(parser, bytes, readBody, strict, listener);
  }

  private static SIPMessage parse(StringMsgParser parser, byte[] bytes, boolean readBody, boolean strict,
      ParseExceptionListener listener) throws ParseException {
    try {
      SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, listener);
      if (message != null) {
        StrictSyntax.check(bytes, message);
      }
      return message;
    } catch (ParseException e) {
      ParseException oneLine = new ParseException(oneLine(e.getMessage()), e.getErrorOffset());
      oneLine.initCause(e);
      throw oneLine;
    }
  }

  /** The first line of the message, printable ASCII only, at most 60 characters. */
  static String oneLine(String message) {
    if (message == null || message.isEmpty() || message.startsWith("[C@")) {
      // Some of the stack's lexers put a char[]'s identity where the text should be: say nothing rather than that.
      return "unparseable";
    }
    StringBuilder out = new StringBuilder(60);
    for (int i = 0; i < message.length() && out.length() < 60; i++) {
      char c = message.charAt(i);
      if (c == '\r' || c == '\n') {
        break;
      }
      out.append(c >= 0x20 && c < 0x7f && c != '(' && c != ')' ? c : ' ');
    }
    String s = out.toString().trim();
    return s.isEmpty() ? "unparseable" : s;
  }
}
