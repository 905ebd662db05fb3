package io.switchboard.server.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A month of call records as call control writes them, from a fixed seed: three queues on two entry points, four
 * agents, a pool of callers who call back now and then, answered and abandoned calls with every wait, IVR hang-ups,
 * voicemails, keypad ratings, wrap-ups (some by a supervisor, some long after), transfers, and a few calls still up.
 * Tests compute the expected figures from {@link #calls} with plain loops, not with the pipelines.
 */
final class GeneratedMonth {

  static final ZoneId ZONE = ZoneId.of("America/New_York"); // the month crosses the end of daylight saving time
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 20);
  static final int DAYS = 30;
  static final List<String> QUEUES = List.of("support", "sales", "expert");
  static final List<String> ENTRIES = List.of("+4930555000", "+4930555001");
  static final List<String> AGENTS = List.of("a-alice", "a-bob", "a-carol", "a-dan");

  /** One generated call, with the values the record was built from. */
  record Gen(String id, String from, String to, String queue, String agent, Instant arrivedAt, Instant queuedAt,
      Instant answeredAt, Instant endedAt, String outcome, Boolean fcr, String wrapUpBy, Instant wrapUpAt,
      Integer csat, boolean voicemail, int holdSeconds, int transfers) {
  }

  final List<Gen> calls = new ArrayList<>();

  GeneratedMonth(int perDay, long seed) {
    Random random = new Random(seed);
    int n = 0;
    for (int day = 0; day < DAYS; day++) {
      Instant dayStart = FIRST_DAY.plusDays(day).atStartOfDay(ZONE).toInstant();
      for (int i = 0; i < perDay; i++) {
        n++;
        Instant arrived = dayStart.plusSeconds(random.nextInt(86_400));
        String from = random.nextInt(20) == 0 ? "anonymous" : "+49301" + (100_000 + random.nextInt(300));
        String to = ENTRIES.get(random.nextInt(ENTRIES.size()));
        int kind = random.nextInt(100);
        String queue = null;
        String agent = null;
        Instant queued = null;
        Instant answered = null;
        Instant ended;
        String outcome;
        boolean voicemail = false;
        if (kind < 5) { // hung up in the menu
          ended = arrived.plusSeconds(3 + random.nextInt(20));
          outcome = "ended";
        } else {
          queue = QUEUES.get(random.nextInt(QUEUES.size()));
          queued = arrived.plusMillis(random.nextInt(12_000));
          int waitMs = random.nextInt(kind < 70 ? 40_000 : 120_000);
          if (kind < 75) {
            agent = AGENTS.get(random.nextInt(AGENTS.size()));
            answered = queued.plusMillis(waitMs);
            ended = answered.plusSeconds(20 + random.nextInt(600));
            outcome = "answered";
          } else if (kind < 92) {
            ended = queued.plusMillis(waitMs);
            outcome = "abandoned";
          } else if (kind < 97) {
            ended = queued.plusMillis(waitMs + 30_000);
            outcome = "voicemail";
            voicemail = true;
          } else if (kind < 99) {
            ended = queued.plusMillis(waitMs);
            outcome = "missed";
          } else {
            ended = null;
            outcome = "in_progress";
          }
        }
        Boolean fcr = null;
        String wrapUpBy = null;
        Instant wrapUpAt = null;
        Integer csat = null;
        int hold = 0;
        int transfers = 0;
        if (answered != null) {
          if (random.nextInt(10) < 8) {
            fcr = random.nextInt(10) < 7;
            wrapUpBy = random.nextInt(10) == 0 ? "a-sam" : agent;
            wrapUpAt = ended.plusMillis(random.nextInt(10) == 0 ? 3_600_000L : random.nextInt(90_000));
          }
          csat = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : null;
          hold = random.nextInt(4) == 0 ? random.nextInt(60) : 0;
          transfers = random.nextInt(20) == 0 ? 1 : 0;
        }
        calls.add(new Gen("c-" + n, from, to, queue, agent, arrived, queued, answered, ended, outcome, fcr,
            wrapUpBy, wrapUpAt, csat, voicemail, hold, transfers));
      }
    }
  }

  Instant start() {
    return FIRST_DAY.atStartOfDay(ZONE).toInstant();
  }

  Instant end() {
    return FIRST_DAY.plusDays(DAYS).atStartOfDay(ZONE).toInstant();
  }

  /** The record as {@code Call.record} writes it (the fields reports read, and a timeline). */
  static JsonObject record(Gen g) {
    JsonObject r = new JsonObject()
        .put("_id", g.id()).put("from", g.from()).put("to", g.to()).put("trunk", "carrier")
        .put("queue", g.queue() == null ? null : new JsonObject().put("id", g.queue()).put("name", g.queue()))
        .put("agent", g.agent() == null ? null
            : new JsonObject().put("id", g.agent()).put("username", g.agent()).put("name", "Agent " + g.agent()))
        .put("arrivedAt", date(g.arrivedAt())).put("queuedAt", date(g.queuedAt()))
        .put("answeredAt", date(g.answeredAt())).put("endedAt", date(g.endedAt()))
        .put("outcome", g.outcome())
        .put("talkSeconds", g.answeredAt() == null || g.endedAt() == null ? 0
            : Duration.between(g.answeredAt(), g.endedAt()).toSeconds())
        .put("holdSeconds", g.holdSeconds())
        .put("csat", g.csat() == null ? null : new JsonObject().put("score", g.csat()).put("agentId", g.agent()))
        .put("voicemailId", g.voicemail() ? "vm-" + g.id() : null)
        .put("timeline", new JsonArray().add(new JsonObject().put("event", "arrived")));
    if (g.transfers() > 0) {
      r.put("transfers", new JsonArray().add(new JsonObject().put("to", "a-bob")));
    }
    if (g.fcr() != null) {
      r.put("wrapUp", new JsonObject().put("disposition", "resolved").put("firstContactResolution", g.fcr())
          .put("by", new JsonObject().put("id", g.wrapUpBy())).put("at", date(g.wrapUpAt())));
    }
    return r;
  }

  static JsonObject date(Instant instant) {
    return instant == null ? null : new JsonObject().put("$date", instant.toString());
  }
}
