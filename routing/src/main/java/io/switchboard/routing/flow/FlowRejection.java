package io.switchboard.routing.flow;

import java.util.List;

/**
 * A flow document (or an event) refused at the edge, with every problem found, each naming its place
 * ("steps.main.options") or the path that breaks a rule. Nothing is built or changed.
 */
public final class FlowRejection extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public FlowRejection(List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public FlowRejection(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
