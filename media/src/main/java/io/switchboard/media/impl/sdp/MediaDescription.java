package io.switchboard.media.impl.sdp;

import io.switchboard.media.SdpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One media section ({@code m=} line and what follows it).
 *
 * @param type       audio, video, application...
 * @param port       transport port ({@code 0} means rejected)
 * @param protocol   e.g. {@code UDP/TLS/RTP/SAVPF}
 * @param formats    payload types or format names, in preference order
 * @param connection the {@code c=} value, if any
 * @param attributes {@code a=} values in order
 */
public record MediaDescription(String type, int port, String protocol, List<String> formats, String connection,
    List<String> attributes) {

  public MediaDescription {
    formats = List.copyOf(formats);
    attributes = List.copyOf(attributes);
  }

  /** The value of the first attribute with that name ({@code ""} for a flag such as rtcp-mux). */
  public Optional<String> attribute(String name) {
    return find(attributes, name);
  }

  /** Every value of the attributes with that name. */
  public List<String> attributes(String name) {
    List<String> values = new ArrayList<>();
    for (String a : attributes) {
      if (a.equals(name)) {
        values.add("");
      } else if (a.startsWith(name) && a.length() > name.length() && a.charAt(name.length()) == ':') {
        values.add(a.substring(name.length() + 1));
      }
    }
    return values;
  }

  public boolean hasFlag(String name) {
    return attributes.contains(name);
  }

  static Optional<String> find(List<String> attributes, String name) {
    for (String a : attributes) {
      if (a.equals(name)) {
        return Optional.of("");
      }
      if (a.startsWith(name) && a.length() > name.length() && a.charAt(name.length()) == ':') {
        return Optional.of(a.substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }

  static Builder builder(String mLine, int lineNumber) throws SdpException {
    String[] parts = mLine.trim().split(" +");
    if (parts.length < 4) {
      throw new SdpException("line " + lineNumber + ": m= needs <media> <port> <proto> <fmt>...");
    }
    int port;
    try {
      // "port/count" is allowed by RFC 8866 §5.14; the count does not matter here.
      port = Integer.parseInt(parts[1].split("/")[0]);
    } catch (NumberFormatException e) {
      throw new SdpException("line " + lineNumber + ": m= port is not a number: " + parts[1]);
    }
    if (port < 0 || port > 65535) {
      throw new SdpException("line " + lineNumber + ": m= port out of range: " + port);
    }
    List<String> formats = List.of(parts).subList(3, parts.length);
    return new Builder(parts[0], port, parts[2], formats);
  }

  static final class Builder {
    private static final int MAX_ATTRIBUTES = 512;
    private final String type;
    private final int port;
    private final String protocol;
    private final List<String> formats;
    private final List<String> attributes = new ArrayList<>();
    private String connection;

    private Builder(String type, int port, String protocol, List<String> formats) {
      this.type = type;
      this.port = port;
      this.protocol = protocol;
      this.formats = formats;
    }

    void attribute(String value) throws SdpException {
      if (attributes.size() >= MAX_ATTRIBUTES) {
        throw new SdpException("more than " + MAX_ATTRIBUTES + " attributes in one media section");
      }
      attributes.add(value);
    }

    void connection(String value) {
      connection = value;
    }

    MediaDescription build() {
      return new MediaDescription(type, port, protocol, formats, connection, attributes);
    }
  }
}
