package io.switchboard.routing.config;

import java.util.List;

/**
 * A configuration refused as a whole, with every problem found, each naming its place
 * ({@code "queue support: whenFull names unknown queue 'salez'"}). Nothing is built.
 */
public final class ConfigRejection extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigRejection(List<String> problems) {
    super(problems.size() + " problem(s) in the routing configuration:\n" + String.join("\n", problems), null, false,
        false);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
