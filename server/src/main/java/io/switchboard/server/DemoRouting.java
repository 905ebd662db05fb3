package io.switchboard.server;

import io.switchboard.server.calls.CallsConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's routing configuration, as the documents an admin would store (docs/routing.md, "Configuration"):
 * queues Support and Sales, alice and bob in the Kyiv group with sam as supervisor, and two numbers: the demo DID
 * +4930555000 rings the Support queue straight away; the hotline +4930555001 runs the full flow (business hours,
 * black list, VIP list, known customer → personal-manager cascade, else a menu; a keypad survey after the call).
 */
final class DemoRouting {
  static final String DIRECT = Demo.DID;
  static final String HOTLINE = "+4930555001";
  /** The demo's black-listed caller. */
  static final String BLOCKED = "+4930666000";

  private DemoRouting() {
  }

  /** Documents by kind; the queues ring as long as the server's calls.ring-timeout-seconds says. */
  static Map<String, List<JsonObject>> documents(CallsConfig calls) {
    Map<String, List<JsonObject>> docs = new LinkedHashMap<>();
    JsonObject ringNoAnswer = new JsonObject().put("offerTimeout", calls.ringTimeout().toSeconds())
        .put("missesBeforeNotReady", calls.maxMissedOffers());
    docs.put("queue", List.of(
        new JsonObject().put("_id", "support").put("name", "Support").put("strategy", "longest-idle")
            .put("announceEvery", 60).put("whenMaxWait", "voicemail").mergeIn(ringNoAnswer),
        new JsonObject().put("_id", "sales").put("name", "Sales").put("strategy", "longest-idle")
            .put("announceEvery", 60).put("maxWait", 600)
            .put("whenMaxWait", new JsonObject().put("kind", "queue").put("queue", "support"))
            .mergeIn(ringNoAnswer)));
    docs.put("agent", List.of(
        new JsonObject().put("_id", "a-alice").put("skills", new JsonObject().put("english", 5).put("russian", 4))
            .put("queues", new JsonArray().add("support").add("sales")).put("group", "g-kyiv"),
        new JsonObject().put("_id", "a-bob").put("skills", new JsonObject().put("english", 3).put("ukrainian", 5))
            .put("queues", new JsonArray().add("support")).put("group", "g-kyiv")));
    docs.put("group", List.of(new JsonObject().put("_id", "g-kyiv").put("name", "Kyiv")
        .put("members", new JsonArray()).put("supervisors", new JsonArray().add("a-sam"))));
    docs.put("flow", List.of(
        new JsonObject().put("_id", "support-direct").put("entry", "support").put("steps", new JsonObject()
            .put("support", new JsonObject().put("type", "queue").put("queue", "support"))),
        hotline()));
    docs.put("entry-points", List.of(new JsonObject().put("_id", "default").put("numbers", new JsonObject()
        .put(DIRECT, "support-direct").put(HOTLINE, "hotline"))));
    docs.put("settings", List.of(new JsonObject().put("_id", "default").put("notReadyReasons",
        new JsonArray().add("break").add("lunch").add("training").add("meeting").add("after_call_work"))));
    return docs;
  }

  /**
   * The configuration of a database from before routing configuration existed: its {@code queues} documents
   * ({@code {_id, name, dids}}) become queues, each DID in E.164 an entry point to a one-step flow into its queue.
   */
  static Map<String, List<JsonObject>> fromOldQueues(List<JsonObject> queues, CallsConfig calls) {
    Map<String, List<JsonObject>> docs = new LinkedHashMap<>();
    if (queues.isEmpty()) {
      return docs;
    }
    List<JsonObject> queueDocs = new java.util.ArrayList<>();
    List<JsonObject> flows = new java.util.ArrayList<>();
    JsonObject numbers = new JsonObject();
    for (JsonObject q : queues) {
      String id = q.getString("_id");
      queueDocs.add(new JsonObject().put("_id", id).put("name", q.getString("name", id))
          .put("offerTimeout", calls.ringTimeout().toSeconds()).put("missesBeforeNotReady", calls.maxMissedOffers()));
      flows.add(new JsonObject().put("_id", id + "-direct").put("entry", "queue").put("steps", new JsonObject()
          .put("queue", new JsonObject().put("type", "queue").put("queue", id))));
      for (Object did : q.getJsonArray("dids", new JsonArray())) {
        String number = String.valueOf(did);
        if (number.matches("\\+[1-9][0-9]{1,14}") && !numbers.containsKey(number)) {
          numbers.put(number, id + "-direct");
        }
      }
    }
    docs.put("queue", queueDocs);
    docs.put("flow", flows);
    docs.put("entry-points", List.of(new JsonObject().put("_id", "default").put("numbers", numbers)));
    return docs;
  }

  private static JsonObject hotline() {
    JsonObject week = new JsonObject().put("mon-sun", "00:00-23:59");
    return new JsonObject().put("_id", "hotline").put("entry", "hours").put("language", "en")
        .put("survey", new JsonObject().put("prompt", "csat-question").put("thanksPrompt", "csat-thanks")
            .put("timeout", 8).put("retries", 1))
        .put("steps", new JsonObject()
            .put("hours", new JsonObject().put("type", "hours").put("zone", "Europe/Kyiv").put("week", week)
                .put("open", "block").put("closed", "after-hours"))
            .put("block", new JsonObject().put("type", "block-list").put("numbers", new JsonArray().add(BLOCKED))
                .put("prompt", "refused").put("next", "vip"))
            .put("vip", new JsonObject().put("type", "vip-list").put("numbers", new JsonArray()).put("boost", 10)
                .put("next", "who"))
            .put("who", new JsonObject().put("type", "customer").put("known", "personal").put("new", "main"))
            .put("personal", new JsonObject().put("type", "cascade").put("queue", "support")
                .put("managersTimeout", 20).put("lastAgentTimeout", 15).put("supervisorTimeout", 10))
            .put("main", new JsonObject().put("type", "menu").put("prompt", "main-menu").put("timeout", 5)
                .put("retries", 2).put("options", new JsonObject().put("1", "sales").put("2", "support")
                    .put("3", "call-me")).put("default", "support"))
            .put("sales", new JsonObject().put("type", "queue").put("queue", "sales"))
            .put("support", new JsonObject().put("type", "queue").put("queue", "support").put("callbackDigit", "9"))
            .put("call-me", new JsonObject().put("type", "callback").put("queue", "support"))
            .put("after-hours", new JsonObject().put("type", "voicemail").put("mailbox", "general")));
  }
}
