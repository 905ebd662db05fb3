package io.switchboard.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode (the BitTorrent encoding; rtpengine's ng control protocol speaks it): strings, integers, lists and
 * dictionaries. Strings decode as UTF-8; dictionaries keep their order.
 */
final class Bencode {
  private final byte[] in;
  private int at;

  private Bencode(byte[] in, int offset) {
    this.in = in;
    this.at = offset;
  }

  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
    } else if (value instanceof Number n) {
      out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof List<?> list) {
      out.write('l');
      list.forEach(v -> write(out, v));
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      out.write('d');
      // Bencode dictionaries are sorted by key.
      new TreeMap<>(map).forEach((k, v) -> {
        write(out, (String) k);
        write(out, v);
      });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + value);
    }
  }

  /** Decodes one value starting at {@code offset}. */
  static Object decode(byte[] bytes, int offset) {
    return new Bencode(bytes, offset).value();
  }

  private Object value() {
    byte b = in[at];
    if (b == 'i') {
      int end = indexOf('e', at);
      long v = Long.parseLong(new String(in, at + 1, end - at - 1, StandardCharsets.US_ASCII));
      at = end + 1;
      return v;
    }
    if (b == 'l') {
      at++;
      List<Object> list = new ArrayList<>();
      while (in[at] != 'e') {
        list.add(value());
      }
      at++;
      return list;
    }
    if (b == 'd') {
      at++;
      Map<String, Object> map = new LinkedHashMap<>();
      while (in[at] != 'e') {
        String key = (String) value();
        map.put(key, value());
      }
      at++;
      return map;
    }
    if (b >= '0' && b <= '9') {
      int colon = indexOf(':', at);
      int length = Integer.parseInt(new String(in, at, colon - at, StandardCharsets.US_ASCII));
      String s = new String(in, colon + 1, length, StandardCharsets.UTF_8);
      at = colon + 1 + length;
      return s;
    }
    throw new IllegalArgumentException("not bencode at byte " + at + ": " + (char) b);
  }

  private int indexOf(char c, int from) {
    for (int i = from; i < in.length; i++) {
      if (in[i] == c) {
        return i;
      }
    }
    throw new IllegalArgumentException("truncated bencode");
  }
}
