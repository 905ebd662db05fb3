package io.switchboard.routing.flow.step;

import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import io.switchboard.routing.flow.decision.CollectDigits;
import io.switchboard.routing.flow.decision.FlowDecision;
import io.switchboard.routing.flow.decision.PlayPrompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IVR menu: one digit per option, at most {@link #MAX_OPTIONS} options (the seeds: people do not remember more
 * than 5–7 items). No digit within {@code timeout}, or a digit that is no option, replays the menu (after
 * {@code invalidPrompt} for a wrong digit) up to {@code retries} times, then takes {@code defaultTarget}: a caller
 * who does nothing still reaches somebody.
 */
public record Menu(String id, String prompt, String invalidPrompt, Map<String, String> options, Duration timeout,
    int retries, String defaultTarget) implements Step {

  public static final int MAX_OPTIONS = 7;

  public Menu {
    // keypad order whatever order the document's map iterates in, so the same flow always speaks the same way
    options = Collections.unmodifiableMap(new TreeMap<>(options));
  }

  @Override
  public String type() {
    return "menu";
  }

  @Override
  public List<Branch> branches() {
    List<Branch> b = new ArrayList<>();
    options.forEach((digit, target) -> b.add(new Branch("option " + digit, target, Branch.Kind.CHOICE)));
    b.add(new Branch("timeout/invalid", defaultTarget, Branch.Kind.DEFAULT));
    return b;
  }

  @Override
  public Reach reach() {
    return Reach.PASS;
  }

  @Override
  public StepOutcome enter(CallContext call) {
    return ask(call, List.of(), id + ": menu " + options.keySet());
  }

  @Override
  public StepOutcome onDigits(String digits, CallContext call) {
    String digit = digits.isEmpty() ? "" : digits.substring(0, 1);
    String target = options.get(digit);
    if (target != null) {
      call.explain(id + ": caller pressed " + digit + " -> " + target);
      return StepOutcome.go(target, List.of());
    }
    return retryOrDefault(call, "pressed " + digit + ", not an option",
        List.of(new PlayPrompt(invalidPrompt, call.lang(), id + ": " + digit + " is not an option")));
  }

  @Override
  public StepOutcome onTimeout(CallContext call) {
    return retryOrDefault(call, "no digit within " + timeout.toSeconds() + " s", List.of());
  }

  private StepOutcome retryOrDefault(CallContext call, String what, List<FlowDecision> before) {
    int attempt = call.nextAttempt();
    if (attempt > retries) {
      call.explain(id + ": " + what + " (" + attempt + " of " + (retries + 1) + ") -> default " + defaultTarget);
      return StepOutcome.go(defaultTarget, List.of());
    }
    call.explain(id + ": " + what + " -> retry " + attempt + " of " + retries);
    return ask(call, before, id + ": " + what + ", retry " + attempt + " of " + retries);
  }

  private StepOutcome ask(CallContext call, List<FlowDecision> before, String reason) {
    List<FlowDecision> d = new ArrayList<>(before);
    d.add(new PlayPrompt(prompt, call.lang(), reason));
    d.add(new CollectDigits(1, timeout, reason));
    return StepOutcome.await(timeout, d);
  }
}
