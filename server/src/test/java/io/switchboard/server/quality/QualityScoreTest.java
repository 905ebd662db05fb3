package io.switchboard.server.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.quality.FormQuestion.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The score arithmetic against sums worked out by hand in the comments. */
class QualityScoreTest {

  static final FormQuestion GREET = new FormQuestion("greet", "Greeted by name", 10, Kind.YES_NO, 0, false, false);
  static final FormQuestion VERIFY = new FormQuestion("verify", "Verified identity", 20, Kind.YES_NO, 0, false, true);
  static final FormQuestion EMPATHY = new FormQuestion("empathy", "Empathy", 30, Kind.SCALE, 5, false, false);
  static final FormQuestion SOLUTION = new FormQuestion("solution", "Solution", 40, Kind.SCALE, 5, true, false);
  static final FormQuestion UPSELL = new FormQuestion("upsell", "Offered upgrade", 5, Kind.YES_NO, 0, true, false);
  static final List<FormQuestion> FORM = List.of(GREET, VERIFY, EMPATHY, SOLUTION, UPSELL);

  @Test
  void notApplicableLeavesTheDenominator_scaleEarnsLinearly() {
    // earned = 10 (greet yes) + 20 (verify yes) + 30 × (4−1)/(5−1) = 22.5 + 0 (upsell no) = 52.5
    // possible = 10 + 20 + 30 + 5 = 65 (solution n/a is out) → 52.5 / 65 = 80.769… → 80.8
    QualityScore score = QualityScore.of(FORM, Map.of("greet", Answer.YES, "verify", Answer.YES,
        "empathy", Answer.mark(4), "solution", Answer.NOT_APPLICABLE, "upsell", Answer.NO));

    assertThat(score.earned()).isEqualTo(52.5);
    assertThat(score.possible()).isEqualTo(65.0);
    assertThat(score.percent()).isEqualTo(80.8);
    assertThat(score.raw()).isEqualTo(80.8);
    assertThat(score.criticalFailed()).isEmpty();
  }

  @Test
  void aFailedCriticalQuestion_zeroesTheScore_andKeepsTheRawOne() {
    // earned = 10 + 0 + 22.5 + 0 = 32.5 of 65 → raw 50.0; verify is critical and "no" → 0
    QualityScore score = QualityScore.of(FORM, Map.of("greet", Answer.YES, "verify", Answer.NO,
        "empathy", Answer.mark(4), "solution", Answer.NOT_APPLICABLE, "upsell", Answer.NO));

    assertThat(score.percent()).isEqualTo(0.0);
    assertThat(score.raw()).isEqualTo(50.0);
    assertThat(score.criticalFailed()).containsExactly("verify");
  }

  @Test
  void theLowestMarkEarnsNothing_theHighestTheWholeWeight() {
    // earned = 0 (greet no) + 20 + 30 × 0 (empathy 1) + 40 × 1 (solution 5) + 5 (upsell yes) = 65
    // possible = 10 + 20 + 30 + 40 + 5 = 105 → 61.904… → 61.9
    QualityScore score = QualityScore.of(FORM, Map.of("greet", Answer.NO, "verify", Answer.YES,
        "empathy", Answer.mark(1), "solution", Answer.mark(5), "upsell", Answer.YES));

    assertThat(score.earned()).isEqualTo(65.0);
    assertThat(score.possible()).isEqualTo(105.0);
    assertThat(score.percent()).isEqualTo(61.9);
  }

  @Test
  void aThreeMarkScale_halfWay() {
    FormQuestion tone = new FormQuestion("tone", "Tone", 7, Kind.SCALE, 3, false, false);
    // mark 2 of 1..3 = (2−1)/(3−1) = 0.5 → 3.5 of 7 = 50.0
    assertThat(QualityScore.of(List.of(tone), Map.of("tone", Answer.mark(2))).percent()).isEqualTo(50.0);
  }

  @Test
  void everythingNotApplicable_hasNoScore() {
    QualityScore score = QualityScore.of(List.of(SOLUTION, UPSELL), Map.of("solution", Answer.NOT_APPLICABLE,
        "upsell", Answer.NOT_APPLICABLE));

    assertThat(score.percent()).isNull();
    assertThat(score.possible()).isZero();
  }

  @Test
  void aCriticalQuestionLeftNotApplicable_doesNotZero() {
    FormQuestion consent = new FormQuestion("consent", "Asked consent", 10, Kind.YES_NO, 0, true, true);
    // consent n/a: only greet counts, 10 of 10
    QualityScore score = QualityScore.of(List.of(GREET, consent), Map.of("greet", Answer.YES,
        "consent", Answer.NOT_APPLICABLE));

    assertThat(score.percent()).isEqualTo(100.0);
    assertThat(score.criticalFailed()).isEmpty();
  }

  @Test
  void aMissingAnswer_isAProgrammingError() {
    assertThatThrownBy(() -> QualityScore.of(List.of(GREET), Map.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
