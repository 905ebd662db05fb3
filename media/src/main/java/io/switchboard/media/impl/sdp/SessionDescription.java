package io.switchboard.media.impl.sdp;

import io.switchboard.media.SdpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed SDP (RFC 8866): session-level attributes and the media sections, kept as lines so nothing is lost.
 * Strict about structure, lenient about attributes it does not know.
 */
public record SessionDescription(List<String> sessionAttributes, List<MediaDescription> media) {

  /** Larger offers are refused before parsing. Browsers' audio offers are a few KiB. */
  public static final int MAX_LENGTH = 64 * 1024;
  private static final int MAX_MEDIA = 16;

  public SessionDescription {
    sessionAttributes = List.copyOf(sessionAttributes);
    media = List.copyOf(media);
  }

  public static SessionDescription parse(String sdp) throws SdpException {
    if (sdp == null || sdp.isBlank()) {
      throw new SdpException("empty session description");
    }
    if (sdp.length() > MAX_LENGTH) {
      throw new SdpException("session description longer than " + MAX_LENGTH + " characters");
    }
    String[] lines = sdp.split("\r?\n");
    if (!lines[0].equals("v=0")) {
      throw new SdpException("session description must start with v=0");
    }
    List<String> sessionAttributes = new ArrayList<>();
    List<MediaDescription> media = new ArrayList<>();
    MediaDescription.Builder current = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
        throw new SdpException("line " + (i + 1) + " is not of the form <type>=<value>: " + abbreviate(line));
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      if (type == 'm') {
        if (current != null) {
          media.add(current.build());
        }
        if (media.size() >= MAX_MEDIA) {
          throw new SdpException("more than " + MAX_MEDIA + " media sections");
        }
        current = MediaDescription.builder(value, i + 1);
      } else if (type == 'a') {
        if (current == null) {
          sessionAttributes.add(value);
        } else {
          current.attribute(value);
        }
      } else if (type == 'c' && current != null) {
        current.connection(value);
      }
    }
    if (current != null) {
      media.add(current.build());
    }
    return new SessionDescription(sessionAttributes, media);
  }

  /** The value of the first session-level attribute with that name. */
  public Optional<String> sessionAttribute(String name) {
    return MediaDescription.find(sessionAttributes, name);
  }

  /** A media-level attribute, falling back to the session level (RFC 8839 §5.4 for ice-*, RFC 8122 §5). */
  public Optional<String> attribute(MediaDescription m, String name) {
    Optional<String> own = m.attribute(name);
    return own.isPresent() ? own : sessionAttribute(name);
  }

  private static String abbreviate(String line) {
    return line.length() <= 40 ? line : line.substring(0, 40) + "…";
  }
}
