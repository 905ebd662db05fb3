package io.switchboard.routing.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flow documents for tests, as a JSON decoder would give them. */
final class Flows {

  private Flows() {
  }

  static Map<String, Object> hotline() {
    Map<String, Object> steps = new LinkedHashMap<>();
    steps.put("hours", Map.of("type", "hours", "zone", "Europe/Kyiv",
        "week", Map.of("mon-fri", "09:00-18:00", "sat", List.of("10:00-12:00", "13:00-14:00")),
        "holidays", List.of("2026-01-07"), "open", "block", "closed", "after-hours", "holiday", "after-hours"));
    steps.put("block", Map.of("type", "block-list", "numbers", List.of("+380990000666"), "prompt", "refused",
        "next", "vip"));
    steps.put("vip", Map.of("type", "vip-list", "numbers", List.of("+380500000777"), "boost", 10, "next", "who"));
    steps.put("who", Map.of("type", "customer", "known", "personal", "new", "main"));
    steps.put("personal", Map.of("type", "cascade", "queue", "support", "managersTimeout", 20,
        "lastAgentTimeout", 15, "supervisorTimeout", 10));
    steps.put("main", Map.of("type", "menu", "prompt", "main-menu", "timeout", 5, "retries", 2,
        "options", Map.of("1", "sales", "2", "support", "3", "call-me"), "default", "support"));
    steps.put("sales", Map.of("type", "queue", "queue", "sales"));
    steps.put("support", Map.of("type", "queue", "queue", "support", "callbackDigit", "9"));
    steps.put("call-me", Map.of("type", "callback", "queue", "support"));
    steps.put("after-hours", Map.of("type", "voicemail", "mailbox", "general"));
    Map<String, Object> flow = new LinkedHashMap<>();
    flow.put("id", "hotline");
    flow.put("entry", "hours");
    flow.put("language", "uk");
    flow.put("survey", Map.of("prompt", "csat-question", "timeout", 8, "retries", 1));
    flow.put("steps", steps);
    return flow;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> steps(Map<String, Object> flow) {
    return (Map<String, Object>) flow.get("steps");
  }
}
