package io.switchboard.server.quality;

/**
 * What an evaluator answered to one question: "not applicable", or a mark (yes = 1, no = 0 for a yes/no question;
 * 1..scaleMax for a scale).
 */
public record Answer(boolean notApplicable, int mark) {

  public static final Answer NOT_APPLICABLE = new Answer(true, 0);
  public static final Answer YES = new Answer(false, 1);
  public static final Answer NO = new Answer(false, 0);

  public static Answer mark(int mark) {
    return new Answer(false, mark);
  }
}
