package io.switchboard.gateway.impl;

import io.switchboard.media.AudioCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A carrier's SDP offer (RFC 4566), reduced to what a G.711 trunk leg needs: where to send, which codec, whether
 * the caller holds us. Parsed by hand: the grammar we need is a few line types, and a small strict parser rejects
 * malformed bodies more predictably than javax.sdp's lenient one.
 *
 * @param mediaLines every m= line in order (the answer must have as many, RFC 3264 §6)
 * @param audioIndex the m= line we accepted
 * @param address    the connection address for that line (media-level c= or else session-level)
 * @param port       its port
 * @param codec      the first G.711 format of that line, with telephone-event's payload type or -1
 * @param direction  the direction attribute of that line (media-level, else session-level, else sendrecv)
 */
record SdpOffer(List<MediaLine> mediaLines, int audioIndex, String address, int port, AudioCodec codec,
    Direction direction) {

  enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    String attribute() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** RFC 3264 §6.1: the answer's direction mirrors the offer's. */
    Direction answer() {
      return switch (this) {
        case SENDONLY -> RECVONLY;
        case RECVONLY -> SENDONLY;
        default -> this;
      };
    }
  }

  /** One m= line as offered. */
  record MediaLine(String media, int port, String proto, List<String> formats) {
  }

  /** The body is not SDP (answer 400). */
  static final class MalformedSdpException extends Exception {
    MalformedSdpException(String message) {
      super(message);
    }
  }

  /** Well-formed SDP without an acceptable audio stream (answer 488, RFC 3261 §21.4.26). */
  static final class NotAcceptableException extends Exception {
    NotAcceptableException(String message) {
      super(message);
    }
  }

  /**
   * True when the caller holds the call: RFC 3264 §8.4 (sendonly or inactive) or the RFC 2543 way (c=0.0.0.0).
   */
  boolean hold() {
    return direction == Direction.SENDONLY || direction == Direction.INACTIVE || "0.0.0.0".equals(address);
  }

  /** The direction for our answer; an RFC 2543 hold (c=0.0.0.0) is answered like sendonly. */
  Direction answerDirection() {
    if ("0.0.0.0".equals(address) && direction == Direction.SENDRECV) {
      return Direction.RECVONLY;
    }
    return direction.answer();
  }

  static SdpOffer parse(String body) throws MalformedSdpException, NotAcceptableException {
    if (body == null || body.isBlank()) {
      throw new MalformedSdpException("empty SDP");
    }
    String[] lines = body.split("\r?\n");
    if (!lines[0].equals("v=0")) {
      throw new MalformedSdpException("SDP must start with v=0");
    }
    String sessionAddress = null;
    Direction sessionDirection = null;
    List<MediaLine> media = new ArrayList<>();
    List<String> mediaAddress = new ArrayList<>();
    List<Direction> mediaDirection = new ArrayList<>();
    List<Map<Integer, String>> rtpmaps = new ArrayList<>();
    boolean sawOrigin = false;
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
        throw new MalformedSdpException("bad SDP line: " + abbreviate(line));
      }
      String value = line.substring(2);
      boolean inMedia = !media.isEmpty();
      switch (line.charAt(0)) {
        case 'o' -> {
          if (value.split(" ").length != 6) {
            throw new MalformedSdpException("bad o= line");
          }
          sawOrigin = true;
        }
        case 'c' -> {
          String address = connectionAddress(value);
          if (inMedia) {
            mediaAddress.set(media.size() - 1, address);
          } else {
            sessionAddress = address;
          }
        }
        case 'm' -> {
          media.add(mediaLine(value));
          mediaAddress.add(null);
          mediaDirection.add(null);
          rtpmaps.add(new HashMap<>());
        }
        case 'a' -> {
          Direction d = direction(value);
          if (d != null) {
            if (inMedia) {
              mediaDirection.set(media.size() - 1, d);
            } else {
              sessionDirection = d;
            }
          } else if (value.startsWith("rtpmap:") && inMedia) {
            String[] parts = value.substring(7).split(" ", 2);
            if (parts.length != 2) {
              throw new MalformedSdpException("bad a=rtpmap");
            }
            rtpmaps.get(media.size() - 1).put(payloadType(parts[0]), parts[1].trim().toUpperCase(Locale.ROOT));
          }
        }
        default -> {
          // v, s, t, b, i, u, e, p, z, k, r: not needed for a G.711 leg
        }
      }
    }
    if (!sawOrigin) {
      throw new MalformedSdpException("SDP has no o= line");
    }
    if (media.isEmpty()) {
      throw new NotAcceptableException("SDP offers no media");
    }
    for (int i = 0; i < media.size(); i++) {
      MediaLine m = media.get(i);
      if (!m.media().equals("audio") || m.port() == 0 || !m.proto().equals("RTP/AVP")) {
        continue;
      }
      AudioCodec codec = chooseCodec(m.formats(), rtpmaps.get(i));
      if (codec == null) {
        continue;
      }
      String address = mediaAddress.get(i) != null ? mediaAddress.get(i) : sessionAddress;
      if (address == null) {
        throw new MalformedSdpException("no c= line for the audio stream");
      }
      if (address.indexOf(':') >= 0) {
        continue; // IPv6 media (RFC 5118 §4.6): well formed, but our RTP ports are IPv4
      }
      Direction direction = mediaDirection.get(i) != null ? mediaDirection.get(i)
          : sessionDirection != null ? sessionDirection : Direction.SENDRECV;
      return new SdpOffer(List.copyOf(media), i, address, m.port(), codec, direction);
    }
    throw new NotAcceptableException("no RTP/AVP audio stream with PCMU or PCMA on IPv4");
  }

  /** The offer's first G.711 format (its order is the caller's preference), keeping telephone-event/8000. */
  private static AudioCodec chooseCodec(List<String> formats, Map<Integer, String> rtpmap) throws MalformedSdpException {
    int dtmf = -1;
    for (String f : formats) {
      int pt = payloadType(f);
      if ("TELEPHONE-EVENT/8000".equals(rtpmap.get(pt))) {
        dtmf = pt;
        break;
      }
    }
    for (String f : formats) {
      int pt = payloadType(f);
      String map = rtpmap.get(pt);
      // Static payload types 0 and 8 need no rtpmap (RFC 3551 §6); dynamic ones may also name G.711.
      if (map == null && pt == 0 || "PCMU/8000".equals(map) || "PCMU/8000/1".equals(map)) {
        return new AudioCodec(pt, "PCMU", dtmf);
      }
      if (map == null && pt == 8 || "PCMA/8000".equals(map) || "PCMA/8000/1".equals(map)) {
        return new AudioCodec(pt, "PCMA", dtmf);
      }
    }
    return null;
  }

  private static MediaLine mediaLine(String value) throws MalformedSdpException {
    String[] parts = value.split(" ");
    if (parts.length < 4) {
      throw new MalformedSdpException("bad m= line");
    }
    String portPart = parts[1];
    int slash = portPart.indexOf('/');
    int port = parseInt(slash < 0 ? portPart : portPart.substring(0, slash), "m= port");
    if (port < 0 || port > 65535) {
      throw new MalformedSdpException("m= port out of range");
    }
    return new MediaLine(parts[0], port, parts[2], List.of(parts).subList(3, parts.length));
  }

  private static String connectionAddress(String value) throws MalformedSdpException {
    String[] parts = value.split(" ");
    if (parts.length != 3 || !parts[0].equals("IN")) {
      throw new MalformedSdpException("bad c= line");
    }
    String address = parts[2];
    int slash = address.indexOf('/');
    if (slash >= 0) {
      address = address.substring(0, slash); // multicast TTL, never used by trunks
    }
    if (parts[1].equals("IP6")) {
      // RFC 4566 §5.7; RFC 5118 §4.6, §4.8. Kept (a ':' marks it) so only the streams that use it are refused.
      if (!address.matches("[0-9A-Fa-f:.]+") || address.indexOf(':') < 0) {
        throw new MalformedSdpException("c= address is not an IPv6 literal");
      }
      return address;
    }
    if (!parts[1].equals("IP4")) {
      throw new MalformedSdpException("c= address type must be IP4 or IP6");
    }
    if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      // A host name here would need DNS on the signalling path; carriers send literals.
      throw new MalformedSdpException("c= address is not an IPv4 literal");
    }
    return address;
  }

  private static Direction direction(String attribute) {
    return switch (attribute.trim()) {
      case "sendrecv" -> Direction.SENDRECV;
      case "sendonly" -> Direction.SENDONLY;
      case "recvonly" -> Direction.RECVONLY;
      case "inactive" -> Direction.INACTIVE;
      default -> null;
    };
  }

  private static int payloadType(String s) throws MalformedSdpException {
    int pt = parseInt(s.trim(), "payload type");
    if (pt < 0 || pt > 127) {
      throw new MalformedSdpException("payload type out of range");
    }
    return pt;
  }

  private static int parseInt(String s, String what) throws MalformedSdpException {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new MalformedSdpException("bad " + what + ": " + abbreviate(s));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
