package io.switchboard.bench;

import java.util.List;

/** SIPp's cumulative call counters at the end of a run (its -trace_stat file, ';'-separated). */
record SippCounts(long created, long successful, long failed) {

  static SippCounts parse(List<String> lines) {
    List<String> rows = lines.stream().filter(l -> !l.isBlank()).toList();
    if (rows.size() < 2) {
      return new SippCounts(0, 0, 0);
    }
    List<String> header = List.of(rows.get(0).split(";"));
    String[] last = rows.get(rows.size() - 1).split(";");
    return new SippCounts(column(header, last, "OutgoingCall(C)"), column(header, last, "SuccessfulCall(C)"),
        column(header, last, "FailedCall(C)"));
  }

  private static long column(List<String> header, String[] row, String name) {
    int i = header.indexOf(name);
    if (i < 0 || i >= row.length) {
      return -1;
    }
    try {
      return Long.parseLong(row[i].trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
