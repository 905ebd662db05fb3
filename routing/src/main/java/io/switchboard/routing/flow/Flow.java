package io.switchboard.routing.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A validated, immutable call flow: its steps by id, the entry step, the default language and the survey. */
public record Flow(String id, String entry, String language, Map<String, Step> steps, Optional<Survey> survey) {

  public Flow {
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
  }

  public Step step(String stepId) {
    Step s = steps.get(stepId);
    if (s == null) {
      throw new IllegalStateException("flow " + id + " has no step " + stepId);
    }
    return s;
  }
}
