package io.switchboard.routing.acd;

/** One broken invariant: which rule, about whom, and what was seen. */
public record Violation(String rule, String subject, String detail) {

  @Override
  public String toString() {
    return rule + " [" + subject + "]: " + detail;
  }
}
