package io.switchboard.server.api;

/**
 * One byte range of a {@code Range} header (RFC 9110 §14.1.2), inclusive at both ends. Only single ranges are
 * served: a header with several, or one that does not parse, is ignored and the whole file sent (§14.2 lets a server
 * ignore Range).
 */
record ByteRange(long first, long last) {

  /** A range the file cannot satisfy: answered 416 (§15.5.17). */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  long length() {
    return last - first + 1;
  }

  /** The range asked for, null for the whole file, or {@link #UNSATISFIABLE}. */
  static ByteRange parse(String header, long size) {
    if (header == null) {
      return null;
    }
    String spec = header.trim();
    if (!spec.startsWith("bytes=") || spec.indexOf(',') >= 0) {
      return null;
    }
    spec = spec.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String start = spec.substring(0, dash).trim();
    String end = spec.substring(dash + 1).trim();
    try {
      if (start.isEmpty()) {
        // bytes=-N: the last N bytes.
        long suffix = digits(end);
        if (suffix == 0 || size == 0) {
          return UNSATISFIABLE;
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long first = digits(start);
      long last = end.isEmpty() ? Long.MAX_VALUE : digits(end);
      if (last < first) {
        return null;
      }
      if (first >= size) {
        return UNSATISFIABLE;
      }
      return new ByteRange(first, Math.min(last, size - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long digits(String text) {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new NumberFormatException(text);
    }
    return Long.parseLong(text);
  }
}
