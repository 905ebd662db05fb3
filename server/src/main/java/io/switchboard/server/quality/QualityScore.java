package io.switchboard.server.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of an evaluation, and nothing else (no I/O, so it is checked against sums worked out by hand):
 *
 * <ul>
 *   <li>each answered question earns {@code weight × fraction}: yes 1, no 0, a scale mark m of 1..max (m−1)/(max−1);
 *   <li>"not applicable" leaves the question out of both what was earned and what could have been (the denominator);
 *   <li>score = 100 × earned / possible, to one decimal; no score at all when every question was not applicable;
 *   <li>a critical question answered "no" makes the score 0; the score it would have had is kept as {@code raw}.
 * </ul>
 *
 * @param percent        the score, 0–100, or null when nothing was applicable
 * @param raw            the score before a failed critical question zeroed it (equal to percent otherwise)
 * @param criticalFailed the ids of the critical questions answered "no", in form order
 */
public record QualityScore(Double percent, Double raw, double earned, double possible, List<String> criticalFailed) {

  public QualityScore {
    criticalFailed = List.copyOf(criticalFailed);
  }

  /** Scores {@code answers} (by question id; every question must have one) against the questions. */
  public static QualityScore of(List<FormQuestion> questions, Map<String, Answer> answers) {
    double earned = 0;
    double possible = 0;
    List<String> failed = new ArrayList<>();
    for (FormQuestion q : questions) {
      Answer a = answers.get(q.id());
      if (a == null) {
        throw new IllegalArgumentException("no answer to " + q.id());
      }
      if (a.notApplicable()) {
        continue;
      }
      possible += q.weight();
      earned += q.weight() * fraction(q, a.mark());
      if (q.critical() && a.mark() == 0) {
        failed.add(q.id());
      }
    }
    Double raw = possible == 0 ? null : round(100 * earned / possible);
    Double percent = raw == null ? null : failed.isEmpty() ? raw : Double.valueOf(0);
    return new QualityScore(percent, raw, earned, possible, failed);
  }

  private static double fraction(FormQuestion q, int mark) {
    return switch (q.kind()) {
      case YES_NO -> mark == 1 ? 1 : 0;
      case SCALE -> (mark - 1) / (double) (q.scaleMax() - 1);
    };
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
