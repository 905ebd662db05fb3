package io.switchboard.server.trunks;

import io.switchboard.server.routingconfig.ConfigKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Trunks as configuration documents (docs/api.md, "Trunks"), kept, versioned and validated with the routing
 * configuration so that numbers have one source of truth: an entry point's number names the trunk it arrives on
 * ({@code entry-points.numbers: {"+4930555001": {"flow": "hotline", "trunk": "carrier"}}}) and that trunk carries it
 * (the gateway's dialled numbers are derived, {@link #dialledNumbers}); a trunk's own {@code dids} are only extra
 * Request-URI forms (an extension, a national form).
 *
 * <pre>{@code {id, allowedSources: ["198.51.100.0/24"], dids?: ["100"],
 *  transfer?: "bridge" | "refer",
 *  inboundDigest?: {username, password, realm},
 *  registration?: {registrar: "host:port", username, password, domain, expiresSeconds: 3600},
 *  outbound?: {proxy, domain, username, password, region: "DE", callerId: "+49...", international, premium,
 *              maxConcurrent, maxPerDay, allowedRoles, allowedAgents, callbacks, ringTimeoutSeconds}}}</pre>
 *
 * <p>Passwords are sealed with {@link CredentialSeal} before they are stored and never shown: the API shows
 * {@code passwordSet: true} instead, and a document saved without {@code password} keeps the stored one.
 */
public final class TrunkDocuments implements ConfigKind {

  public static final String KIND = "trunk";
  static final String ENTRY_POINTS = "entry-points";
  private static final List<String> SECRET_HOLDERS = List.of("inboundDigest", "registration", "outbound");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern DID = Pattern.compile("[+0-9A-Za-z*#._-]{1,32}");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}(:[0-9]{1,5})?");
  private static final Pattern REGION = Pattern.compile("[A-Z]{2}");

  private final CredentialSeal seal;

  public TrunkDocuments(CredentialSeal seal) {
    this.seal = Objects.requireNonNull(seal, "seal");
  }

  @Override
  public String name() {
    return KIND;
  }

  @Override
  public List<String> problems(JsonObject state) {
    List<String> problems = new ArrayList<>();
    Map<String, JsonObject> trunks = new LinkedHashMap<>();
    JsonArray docs = state.getJsonArray(KIND, new JsonArray());
    docs.forEach(d -> trunks.put(((JsonObject) d).getString("id"), (JsonObject) d));
    trunks.forEach((id, doc) -> {
      // As routing words its problems: "<kind> <id>: <field path>: <what>", so editors put each at its field.
      List<String> own = new ArrayList<>();
      trunkProblems("", doc, own);
      own.forEach(p -> problems.add(KIND + " " + id + ": " + p.substring(1)));
    });
    Map<String, String> owners = numberOwners(state);
    owners.forEach((number, trunk) -> {
      if (!trunks.containsKey(trunk)) {
        problems.add("entry-points default: numbers." + number + ".trunk: unknown trunk '" + trunk + "' (known: "
            + String.join(", ", trunks.keySet()) + ")");
      }
    });
    trunks.forEach((id, doc) -> {
      JsonArray dids = doc.getJsonArray("dids", new JsonArray());
      for (int i = 0; i < dids.size(); i++) {
        String owner = owners.get(String.valueOf(dids.getValue(i)));
        if (owner != null && !owner.equals(id)) {
          problems.add(KIND + " " + id + ": dids[" + i + "]: " + dids.getValue(i) + " is the number of an entry point"
              + " on trunk '" + owner + "'; one number arrives on one trunk");
        }
      }
    });
    return problems;
  }

  private static void trunkProblems(String at, JsonObject doc, List<String> problems) {
    Object sources = doc.getValue("allowedSources");
    if (!(sources instanceof JsonArray list) || list.isEmpty()) {
      problems.add(at + ".allowedSources: at least one IP address or CIDR block the carrier sends from");
    } else {
      for (int i = 0; i < list.size(); i++) {
        String block = String.valueOf(list.getValue(i));
        if (!AddressLiteral.isBlock(block)) {
          problems.add(at + ".allowedSources[" + i + "]: '" + block + "' is not an IP address or CIDR block");
        }
      }
    }
    Object dids = doc.getValue("dids");
    if (dids != null && !(dids instanceof JsonArray)) {
      problems.add(at + ".dids: expected a list of dialled numbers");
    } else if (dids instanceof JsonArray list) {
      for (int i = 0; i < list.size(); i++) {
        if (!DID.matcher(String.valueOf(list.getValue(i))).matches()) {
          problems.add(at + ".dids[" + i + "]: '" + list.getValue(i) + "' is not a dialled number (1 to 32 of"
              + " + 0-9 A-Z * #)");
        }
      }
    }
    // How an agent's transfer of this trunk's caller to a number leaves (docs/routing.md, "Transfers").
    Object transfer = doc.getValue("transfer");
    if (transfer != null && !"bridge".equals(transfer) && !"refer".equals(transfer)) {
      problems.add(at + ".transfer: 'bridge' (we call the number and bridge) or 'refer' (REFER to the carrier)");
    }
    JsonObject digest = object(at, doc, "inboundDigest", problems);
    if (digest != null) {
      required(at + ".inboundDigest", digest, List.of("username", "password", "realm"), problems);
    }
    JsonObject registration = object(at, doc, "registration", problems);
    if (registration != null) {
      required(at + ".registration", registration, List.of("registrar", "username", "password", "domain"), problems);
      hostPort(at + ".registration.registrar", registration.getValue("registrar"), problems);
      Object expires = registration.getValue("expiresSeconds");
      if (expires != null && !(expires instanceof Number n && n.longValue() >= 60 && n.longValue() <= 86400)) {
        problems.add(at + ".registration.expiresSeconds: a whole number of seconds within 60..86400");
      }
    }
    JsonObject outbound = object(at, doc, "outbound", problems);
    if (outbound != null) {
      required(at + ".outbound", outbound, List.of("proxy", "username", "password"), problems);
      hostPort(at + ".outbound.proxy", outbound.getValue("proxy"), problems);
      Object region = outbound.getValue("region");
      if (region != null && !REGION.matcher(String.valueOf(region)).matches()) {
        problems.add(at + ".outbound.region: an ISO 3166 country code of two capital letters, e.g. DE");
      }
      Object callerId = outbound.getValue("callerId");
      if (callerId != null && !E164.matcher(String.valueOf(callerId)).matches()) {
        problems.add(at + ".outbound.callerId: '" + callerId + "' is not an E.164 number (+ and up to 15 digits)");
      }
      range(at + ".outbound.maxConcurrent", outbound.getValue("maxConcurrent"), 1, 1000, problems);
      range(at + ".outbound.maxPerDay", outbound.getValue("maxPerDay"), 1, 1_000_000, problems);
      range(at + ".outbound.ringTimeoutSeconds", outbound.getValue("ringTimeoutSeconds"), 5, 300, problems);
    }
  }

  private static JsonObject object(String at, JsonObject doc, String field, List<String> problems) {
    Object value = doc.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    problems.add(at + "." + field + ": expected an object");
    return null;
  }

  private static void required(String at, JsonObject o, List<String> fields, List<String> problems) {
    for (String field : fields) {
      Object v = o.getValue(field);
      if (!(v instanceof String s) || s.isBlank()) {
        problems.add(at + "." + field + ": required");
      }
    }
  }

  private static void hostPort(String at, Object value, List<String> problems) {
    if (value instanceof String s && !s.isBlank() && !HOST_PORT.matcher(s).matches()) {
      problems.add(at + ": '" + s + "' is not host or host:port");
    }
  }

  private static void range(String at, Object value, long min, long max, List<String> problems) {
    if (value != null && !(value instanceof Number n && n.longValue() >= min && n.longValue() <= max
        && n.doubleValue() == n.longValue())) {
      problems.add(at + ": a whole number within " + min + ".." + max);
    }
  }

  /** Entry point number → the trunk it arrives on, for the numbers that name one. */
  static Map<String, String> numberOwners(JsonObject state) {
    Map<String, String> owners = new LinkedHashMap<>();
    JsonArray entries = state.getJsonArray(ENTRY_POINTS, new JsonArray());
    for (Object e : entries) {
      JsonObject numbers = ((JsonObject) e).getJsonObject("numbers", new JsonObject());
      numbers.forEach(n -> {
        if (n.getValue() instanceof JsonObject v && v.getValue("trunk") instanceof String trunk) {
          owners.put(n.getKey(), trunk);
        }
      });
    }
    return owners;
  }

  /**
   * The numbers the gateway accepts on trunk {@code id}: its entry points' numbers (as sent: {@code +4930555001},
   * and without the plus, as carriers often send the Request-URI) and its own extra {@code dids}.
   */
  public static List<String> dialledNumbers(String id, JsonObject trunk, JsonObject state) {
    Set<String> out = new LinkedHashSet<>();
    numberOwners(state).forEach((number, owner) -> {
      if (owner.equals(id)) {
        out.add(number);
        out.add(number.substring(1));
      }
    });
    trunk.getJsonArray("dids", new JsonArray()).forEach(d -> out.add(String.valueOf(d)));
    return List.copyOf(out);
  }

  /** The entry point numbers that arrive on trunk {@code id}. */
  public static List<String> numbers(String id, JsonObject state) {
    List<String> out = new ArrayList<>();
    numberOwners(state).forEach((number, owner) -> {
      if (owner.equals(id)) {
        out.add(number);
      }
    });
    return out;
  }

  @Override
  public JsonObject stored(JsonObject incoming, JsonObject current) {
    JsonObject out = incoming.copy();
    for (String holder : SECRET_HOLDERS) {
      JsonObject part = out.getJsonObject(holder);
      if (part == null) {
        continue;
      }
      part.remove("passwordSet");
      Object given = part.getValue("password");
      if (given instanceof String clear && !clear.isEmpty()) {
        part.put("password", CredentialSeal.isSealed(clear) ? clear : seal.seal(clear));
      } else {
        // Left out (the form shows no password): keep the one stored, if any.
        JsonObject was = current == null ? null : current.getJsonObject(holder);
        String kept = was == null ? null : was.getString("password");
        if (kept != null) {
          part.put("password", kept);
        } else {
          part.remove("password");
        }
      }
    }
    return out;
  }

  @Override
  public JsonObject shown(JsonObject stored) {
    if (stored == null) {
      return null;
    }
    JsonObject out = stored.copy();
    for (String holder : SECRET_HOLDERS) {
      JsonObject part = out.getJsonObject(holder);
      if (part != null) {
        part.put("passwordSet", part.remove("password") != null);
      }
    }
    return out;
  }

  /** {@code stored} with its passwords in clear, for the gateway only. */
  public JsonObject opened(JsonObject stored) {
    JsonObject out = stored.copy();
    for (String holder : SECRET_HOLDERS) {
      JsonObject part = out.getJsonObject(holder);
      if (part != null && part.getValue("password") instanceof String p) {
        part.put("password", seal.open(p));
      }
    }
    return out;
  }
}
