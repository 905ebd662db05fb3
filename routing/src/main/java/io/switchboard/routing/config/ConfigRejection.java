package io.switchboard.routing.config;

import java.util.List;

/** A configuration that cannot be applied, with every problem found, each naming its place. Nothing changed. */
public final class ConfigRejection extends RuntimeException {
  private final List<String> problems;

  public ConfigRejection(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0)
        : problems.size() + " problems: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
