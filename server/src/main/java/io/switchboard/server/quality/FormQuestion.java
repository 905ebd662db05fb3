package io.switchboard.server.quality;

/**
 * One question of an evaluation form.
 *
 * @param weight    its share of the score against the other answered questions (1–100)
 * @param scaleMax  for a {@link Kind#SCALE} question, the best mark (the marks run 1..scaleMax); 0 for yes/no
 * @param naAllowed whether "not applicable" may be answered, which takes the question out of the score
 * @param critical  a yes/no question whose "no" makes the whole evaluation score 0 (e.g. "verified the caller's
 *                  identity"): one such failure outweighs any number of good answers
 */
public record FormQuestion(String id, String text, int weight, Kind kind, int scaleMax, boolean naAllowed,
    boolean critical) {

  /** How the question is answered. */
  public enum Kind {
    /** "yes" earns the whole weight, "no" nothing. */
    YES_NO("yesno"),
    /** A mark from 1 (nothing earned) to {@code scaleMax} (the whole weight), linearly between. */
    SCALE("scale");

    public final String wire;

    Kind(String wire) {
      this.wire = wire;
    }
  }
}
