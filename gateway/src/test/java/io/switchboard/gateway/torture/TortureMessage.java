package io.switchboard.gateway.torture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test message of RFC 4475 or RFC 5118, read from {@code torture/<rfc>/<name>.sip} on the test classpath.
 *
 * <p>The files are the RFCs' text with the RFCs' own notation (RFC 4475 §2): {@code <allOneLine>} joins its lines
 * into one, {@code <repeat count=N>x</repeat>} stands for N copies of x, {@code <hex>..</hex>} for the octets it
 * spells (white space inside ignored), and every line ends in CRLF on the wire. Keeping the notation keeps the
 * files readable and diffable against the RFC, and the bytes exact: Content-Length values only add up this way.
 */
record TortureMessage(String rfc, String name, byte[] bytes) {

  private static final Pattern ALL_ONE_LINE = Pattern.compile("<allOneLine>\\n?(.*?)\\n?</allOneLine>", Pattern.DOTALL);
  private static final Pattern REPEAT = Pattern.compile("<repeat count=(\\d+)>(.*?)</repeat>", Pattern.DOTALL);
  private static final Pattern HEX = Pattern.compile("<hex>(.*?)</hex>", Pattern.DOTALL);

  static TortureMessage load(String rfc, String name) {
    String resource = "torture/" + rfc + "/" + name + ".sip";
    try (InputStream in = TortureMessage.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test message " + resource);
      }
      return new TortureMessage(rfc, name, expand(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4475 §2.1–2.3 notation to wire octets. */
  static byte[] expand(String text) {
    String joined = replace(ALL_ONE_LINE, text, m -> m.group(1).replace("\n", ""));
    String repeated = replace(REPEAT, joined, m -> m.group(2).repeat(Integer.parseInt(m.group(1))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Matcher hex = HEX.matcher(repeated);
    int at = 0;
    while (hex.find()) {
      out.writeBytes(crlf(repeated.substring(at, hex.start())));
      out.writeBytes(HexFormat.of().parseHex(hex.group(1).replaceAll("\\s", "")));
      at = hex.end();
    }
    out.writeBytes(crlf(repeated.substring(at)));
    return out.toByteArray();
  }

  private static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return rfc + "/" + name;
  }
}
