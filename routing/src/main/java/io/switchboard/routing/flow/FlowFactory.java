package io.switchboard.routing.flow;

import io.switchboard.routing.calendar.BusinessHours;
import io.switchboard.routing.calendar.TimeRange;
import io.switchboard.routing.cascade.CascadePlan;
import io.switchboard.routing.flow.step.BlockList;
import io.switchboard.routing.flow.step.Callback;
import io.switchboard.routing.flow.step.CustomerCheck;
import io.switchboard.routing.flow.step.Hours;
import io.switchboard.routing.flow.step.JoinQueue;
import io.switchboard.routing.flow.step.Menu;
import io.switchboard.routing.flow.step.Play;
import io.switchboard.routing.flow.step.Refuse;
import io.switchboard.routing.flow.step.RingCascade;
import io.switchboard.routing.flow.step.VipList;
import io.switchboard.routing.flow.step.Voicemail;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place flows are built: from a JSON-like document (maps, lists, strings, numbers, as a JSON or BSON
 * decoder gives them) to a validated {@link Flow}, or a {@link FlowRejection} listing every problem. The document
 * format is in {@code docs/routing.md}.
 */
public final class FlowFactory {

  private static final Set<String> LANGUAGES = Set.of("en", "ru", "uk");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern WEB_ENTRY_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  /** RFC 6454 §6.2 serialization: scheme "://" host [":" port], lower-case, no path, no trailing slash. */
  private static final Pattern ORIGIN =
      Pattern.compile("https?://([a-z0-9.-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?");
  private static final Pattern DIGIT = Pattern.compile("[0-9*#]");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private FlowFactory() {
  }

  public static Flow create(Map<String, ?> document) {
    List<String> problems = new ArrayList<>();
    Spec doc;
    String id;
    String entry;
    String language;
    Optional<Survey> survey;
    Spec stepsSpec;
    try {
      doc = new Spec("flow", document);
      id = doc.str("id");
      entry = doc.str("entry");
      language = doc.str("language", "en");
      if (!LANGUAGES.contains(language)) {
        throw new IllegalArgumentException("flow.language: expected one of " + LANGUAGES + ", got '" + language + "'");
      }
      survey = doc.has("survey") ? Optional.of(survey(doc.object("survey"))) : Optional.empty();
      stepsSpec = doc.object("steps");
    } catch (IllegalArgumentException e) {
      throw new FlowRejection(e.getMessage());
    }
    Map<String, Step> steps = new LinkedHashMap<>();
    stepsSpec.raw().forEach((key, value) -> {
      String stepId = String.valueOf(key);
      try {
        steps.put(stepId, step(stepId, new Spec("steps." + stepId, value)));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    });
    if (steps.isEmpty() && problems.isEmpty()) {
      problems.add("flow.steps: a flow needs at least one step");
    }
    if (problems.isEmpty()) {
      problems.addAll(FlowValidator.problems(entry, steps));
    }
    if (!problems.isEmpty()) {
      List<String> all = new ArrayList<>();
      all.add("flow " + id + " refused:");
      all.addAll(problems);
      throw new FlowRejection(all);
    }
    return new Flow(id, entry, language, steps, survey);
  }

  /**
   * Entry points: {@code {"numbers": {"+380441234567": "hotline"}, "widget": "web",
   * "web": {"shop": {"flow": "hotline", "origins": ["https://shop.example"]}}}}, naming flows already built.
   */
  public static EntryPoints entryPoints(Map<String, ?> document, Map<String, Flow> flows) {
    List<String> problems = new ArrayList<>();
    Map<String, Flow> byNumber = new LinkedHashMap<>();
    Optional<Flow> widget = Optional.empty();
    Map<String, WebEntryPoint> web = new LinkedHashMap<>();
    try {
      Spec doc = new Spec("entry-points", document);
      if (doc.has("numbers")) {
        doc.object("numbers").raw().forEach((number, value) -> {
          // "+380441234567": "hotline", or {"flow": "hotline", "trunk": "carrier"}: the trunk is the server's
          // business (it derives the trunk's dialled numbers from it); here only the flow counts.
          Object flowId = numberFlow(value);
          if (!E164.matcher(String.valueOf(number)).matches()) {
            problems.add("entry-points.numbers: '" + number + "' is not an E.164 number (+ and up to 15 digits)");
          } else if (!flows.containsKey(String.valueOf(flowId))) {
            problems.add("entry-points.numbers." + number + ": unknown flow " + Spec.describe(flowId));
          } else {
            byNumber.put(String.valueOf(number), flows.get(String.valueOf(flowId)));
          }
        });
      }
      if (doc.has("widget")) {
        String w = doc.str("widget");
        if (!flows.containsKey(w)) {
          problems.add("entry-points.widget: unknown flow '" + w + "'");
        }
        widget = Optional.ofNullable(flows.get(w));
      }
      if (doc.has("web")) {
        doc.object("web").raw().forEach((name, entry) -> webEntry(String.valueOf(name), entry, flows, problems)
            .ifPresent(e -> web.put(e.name(), e)));
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new FlowRejection(problems);
    }
    return new EntryPoints(byNumber, widget, web);
  }

  /** The flow of an entry point number's value: {@code "flow"} or {@code {"flow": "flow", "trunk": "name"}}. */
  public static Object numberFlow(Object value) {
    return value instanceof Map<?, ?> m ? m.get("flow") : value;
  }

  private static Optional<WebEntryPoint> webEntry(String name, Object value, Map<String, Flow> flows,
      List<String> problems) {
    String place = "entry-points.web." + name;
    if (!WEB_ENTRY_NAME.matcher(name).matches()) {
      problems.add(place + ": a name is 1 to 40 letters, digits, '-' or '_'");
      return Optional.empty();
    }
    try {
      Spec s = new Spec(place, value);
      String flowId = s.str("flow");
      List<String> origins = s.strings("origins");
      int before = problems.size();
      if (!flows.containsKey(flowId)) {
        problems.add(place + ".flow: unknown flow '" + flowId + "'");
      }
      if (origins.isEmpty()) {
        problems.add(place + ".origins: list at least one page origin allowed to call, e.g. https://shop.example");
      }
      for (String origin : origins) {
        if (!ORIGIN.matcher(origin).matches()) {
          problems.add(place + ".origins: '" + origin + "' is not an origin (scheme://host[:port], no path)");
        }
      }
      return problems.size() == before ? Optional.of(new WebEntryPoint(name, flows.get(flowId), origins))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }

  private static Step step(String id, Spec s) {
    String type = s.str("type");
    return switch (type) {
      case "play" -> new Play(id, s.str("prompt"), s.str("next"));
      case "hours" -> new Hours(id, hours(s), s.str("open"), s.str("closed"), s.str("holiday", s.str("closed")));
      case "block-list" -> new BlockList(id, numbers(s, "numbers"), s.str("prompt", "refused"), s.str("next"));
      case "vip-list" -> new VipList(id, numbers(s, "numbers"), s.integer("boost", 10, 1, 100), s.str("next"));
      case "customer" -> new CustomerCheck(id, s.str("known"), s.str("new"));
      case "menu" -> menu(id, s);
      case "queue" -> new JoinQueue(id, s.str("queue"), s.integer("priority", 0, 0, 100), skills(s),
          s.has("callbackDigit") ? digit(s, "callbackDigit") : null, s.str("callbackPrompt", "callback-booked"));
      case "cascade" -> new RingCascade(id, s.str("queue"), s.integer("priority", 0, 0, 100),
          new CascadePlan.Timers(s.seconds("managersTimeout", 20, 1, 300), s.seconds("lastAgentTimeout", 15, 1, 300),
              s.seconds("supervisorTimeout", 15, 1, 300)));
      case "voicemail" -> new Voicemail(id, s.str("mailbox"));
      case "callback" -> new Callback(id, s.str("queue"), s.integer("priority", 0, 0, 100),
          s.str("prompt", "callback-booked"));
      case "hangup" -> new Refuse(id, s.str("prompt", "goodbye"));
      default -> throw new IllegalArgumentException(s.path + ".type: unknown step type '" + type + "' (play, hours,"
          + " block-list, vip-list, customer, menu, queue, cascade, voicemail, callback, hangup)");
    };
  }

  private static Menu menu(String id, Spec s) {
    Spec opts = s.object("options");
    if (opts.raw().isEmpty()) {
      throw new IllegalArgumentException(s.path + ".options: a menu needs at least one option");
    }
    if (opts.raw().size() > Menu.MAX_OPTIONS) {
      throw new IllegalArgumentException(s.path + ".options: " + opts.raw().size() + " options, at most "
          + Menu.MAX_OPTIONS + " (callers do not remember more; split the menu)");
    }
    Map<String, String> options = new LinkedHashMap<>();
    opts.raw().forEach((digit, target) -> {
      String d = String.valueOf(digit);
      if (!DIGIT.matcher(d).matches()) {
        throw new IllegalArgumentException(s.path + ".options: '" + d + "' is not one keypad key (0-9 * #)");
      }
      if (!(target instanceof String t) || t.isBlank()) {
        throw new IllegalArgumentException(s.path + ".options." + d + ": expected a step id, got "
            + Spec.describe(target));
      }
      options.put(d, t);
    });
    return new Menu(id, s.str("prompt"), s.str("invalidPrompt", "invalid-choice"), options,
        s.seconds("timeout", 5, 1, 30), s.integer("retries", 2, 0, 5), s.str("default"));
  }

  private static Survey survey(Spec s) {
    return new Survey(s.str("prompt", "csat-question"), s.str("thanksPrompt", "csat-thanks"),
        s.seconds("timeout", 8, 1, 60), s.integer("retries", 1, 0, 3));
  }

  private static BusinessHours hours(Spec s) {
    ZoneId zone;
    try {
      zone = ZoneId.of(s.str("zone"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(s.path + ".zone: unknown time zone '" + s.str("zone") + "'");
    }
    Spec week = s.object("week");
    Map<DayOfWeek, List<TimeRange>> byDay = new EnumMap<>(DayOfWeek.class);
    week.raw().forEach((dayKey, value) -> {
      String where = week.path + "." + dayKey;
      List<DayOfWeek> days = days(String.valueOf(dayKey), where);
      List<?> ranges = value instanceof List<?> l ? l : List.of(value);
      for (Object r : ranges) {
        if (!(r instanceof String text)) {
          throw new IllegalArgumentException(where + ": expected \"HH:MM-HH:MM\", got " + Spec.describe(r));
        }
        TimeRange range;
        try {
          range = TimeRange.parse(text);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        days.forEach(d -> byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(range));
      }
    });
    Set<LocalDate> holidays = new LinkedHashSet<>();
    for (String h : s.strings("holidays")) {
      try {
        holidays.add(LocalDate.parse(h));
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(s.path + ".holidays: '" + h + "' is not a date YYYY-MM-DD");
      }
    }
    return new BusinessHours(zone, byDay, holidays);
  }

  /** "mon", or a range "mon-fri". */
  private static List<DayOfWeek> days(String key, String where) {
    String[] ends = key.toLowerCase(Locale.ROOT).split("-");
    int from = DAYS.indexOf(ends[0]);
    int to = ends.length == 2 ? DAYS.indexOf(ends[1]) : from;
    if (ends.length > 2 || from < 0 || to < from) {
      throw new IllegalArgumentException(where + ": expected a day (mon..sun) or a range like mon-fri");
    }
    List<DayOfWeek> days = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      days.add(DayOfWeek.of(i + 1));
    }
    return days;
  }

  private static Set<String> numbers(Spec s, String key) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : s.strings(key)) {
      if (!E164.matcher(n).matches()) {
        throw new IllegalArgumentException(s.path + "." + key + ": '" + n + "' is not an E.164 number");
      }
      out.add(n);
    }
    return out;
  }

  private static Map<String, Integer> skills(Spec s) {
    Map<String, Integer> skills = new LinkedHashMap<>();
    if (s.has("skills")) {
      Spec sk = s.object("skills");
      sk.raw().forEach((skill, level) -> {
        if (!(level instanceof Number n) || n.intValue() < 1 || n.intValue() > 5) {
          throw new IllegalArgumentException(sk.path + "." + skill + ": proficiency must be 1..5");
        }
        skills.put(String.valueOf(skill), n.intValue());
      });
    }
    return skills;
  }

  private static String digit(Spec s, String key) {
    String d = s.str(key);
    if (!DIGIT.matcher(d).matches()) {
      throw new IllegalArgumentException(s.path + "." + key + ": '" + d + "' is not one keypad key");
    }
    return d;
  }
}
