package io.switchboard.server.config;

import io.switchboard.gateway.SipConfig;
import io.switchboard.gateway.SipEdgeConfig;
import io.switchboard.signaling.LoginLockoutConfig;
import io.switchboard.media.RtpConfig;
import io.switchboard.media.WebRtcConfig;
import io.switchboard.server.calls.CallsConfig;
import io.switchboard.server.metrics.MetricsConfig;
import io.switchboard.server.live.LiveConfig;
import io.switchboard.server.webcall.WebCallConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the server is configured with, read once at start-up. Every key, its default and its meaning are in
 * {@code switchboard-reference.properties}.
 *
 * @param http            the HTTP server
 * @param dataDir         folder for the embedded MongoDB file, recordings and voicemail
 * @param mongo           which MongoDB to use
 * @param webRtc          the WebRTC media endpoint
 * @param rtp             trunk legs' RTP ports
 * @param sip             the SIP stack for trunks
 * @param calls           call handling (ring timeout, missed offers, recording)
 * @param auth            agents' login tokens
 * @param demo            whether to seed demo data
 * @param shutdownTimeout how long a graceful shutdown may take
 * @param reports         the reports' time zone, service level threshold and FCR window
 * @param drainTimeout    on SIGTERM, how long calls in progress may go on before the stop (0: no drain)
 * @param metrics         {@code GET /metrics}
 * @param live            the live boards' time zone and caller masking
 * @param webCall         the website widget's channel: limits, ICE servers, the demo shop's port
 * @param sipEdge         the SIP edge's defences: per-source rates, call cap, digest lockouts
 * @param cluster         whether and how this process is one node of several (docs/scale.md)
 */
public record Config(HttpConfig http, Path dataDir, MongoConfig mongo, WebRtcConfig webRtc, RtpConfig rtp,
    SipConfig sip, CallsConfig calls, AuthConfig auth, boolean demo, Duration shutdownTimeout,
    ReportsConfig reports, Duration drainTimeout, MetricsConfig metrics, LiveConfig live, WebCallConfig webCall,
    SipEdgeConfig sipEdge, io.switchboard.server.cluster.ClusterConfig cluster) {

  // MongoDB forbids /\. "$*<>:|? and NUL in database names; a plain identifier avoids every platform's corner cases.
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

  public Config {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(mongo, "mongo");
    Objects.requireNonNull(webRtc, "webRtc");
    Objects.requireNonNull(rtp, "rtp");
    Objects.requireNonNull(sip, "sip");
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(reports, "reports");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(webCall, "webCall");
    Objects.requireNonNull(sipEdge, "sipEdge");
    Objects.requireNonNull(cluster, "cluster");
    if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
      throw new IllegalArgumentException("shutdown.timeout-seconds must be positive");
    }
  }

  /**
   * Reads the configuration: reference defaults, overridden by the file named with {@code --config=path}, then by
   * environment variables ({@code SWITCHBOARD_HTTP_PORT}, and {@code MONGODB_URI}), then by {@code --key=value}
   * arguments.
   *
   * @param env  the environment, usually {@code System.getenv()}
   * @param args the command-line arguments
   * @throws ConfigException naming the key, the bad value and where it came from; or an unknown key or argument
   */
  public static Config load(Map<String, String> env, List<String> args) {
    Settings settings = Settings.gather(env, args);
    Path dataDir = Path.of(settings.nonBlank("data.dir"));
    return new Config(
        new HttpConfig(settings.nonBlank("http.host"), settings.port("http.port")),
        dataDir,
        mongo(settings),
        webRtc(settings),
        checked(() -> new RtpConfig(settings.nonBlank("media.rtp.bind-host"),
            settings.nonBlank("media.rtp.announced-address"), settings.port("media.rtp.port-min"),
            settings.port("media.rtp.port-max"), settings.positiveInt("media.rtp.receive-buffer-bytes"))),
        checked(() -> new SipConfig(settings.nonBlank("sip.bind-host"), settings.port("sip.port"),
            settings.list("sip.transports"), settings.nonBlank("sip.announced-address"),
            settings.positiveInt("sip.max-message-bytes"), settings.positiveInt("sip.max-server-transactions"),
            settings.seconds("sip.read-timeout-seconds"))),
        checked(() -> new CallsConfig(settings.seconds("calls.ring-timeout-seconds"),
            settings.positiveInt("calls.max-missed-offers"), region(settings), dataDir.resolve("recordings"),
            settings.bool("calls.record"), settings.seconds("calls.max-queue-wait-seconds"),
            settings.seconds("calls.voicemail-max-seconds"), settings.bool("calls.callback-abandoned"),
            settings.bool("calls.invariant-check"), Duration.ofMillis(settings.positiveInt("calls.card-wait-ms")))),
        checked(() -> new AuthConfig(settings.text("auth.jwt-secret"),
            Duration.ofHours(settings.positiveInt("auth.token-lifetime-hours")),
            new LoginLockoutConfig(settings.positiveInt("auth.login-failures-per-address"),
                settings.positiveInt("auth.login-failures-per-username"), settings.seconds("auth.login-lockout-seconds"),
                settings.seconds("auth.max-login-lockout-seconds")),
            settings.text("auth.first-admin-password"))),
        settings.bool("demo.enabled"),
        settings.seconds("shutdown.timeout-seconds"),
        reports(settings),
        Duration.ofSeconds(settings.nonNegativeInt("shutdown.drain-seconds", 86_400)),
        checked(() -> new MetricsConfig(settings.bool("metrics.enabled"), settings.text("metrics.token"))),
        live(settings),
        webCall(settings),
        checked(() -> new SipEdgeConfig(settings.positiveInt("sip.edge.invites-per-second-per-source"),
            settings.positiveInt("sip.edge.invite-burst-per-source"),
            settings.positiveInt("sip.edge.requests-per-second-per-source"),
            settings.positiveInt("sip.edge.request-burst-per-source"), settings.positiveInt("sip.edge.max-calls"),
            settings.seconds("sip.edge.retry-after-seconds"),
            settings.positiveInt("sip.edge.digest-failures-per-source"),
            settings.positiveInt("sip.edge.digest-failures-per-account"),
            settings.seconds("sip.edge.lockout-seconds"), settings.seconds("sip.edge.max-lockout-seconds"))),
        cluster(settings));
  }

  private static io.switchboard.server.cluster.ClusterConfig cluster(Settings settings) {
    boolean enabled = settings.bool("cluster.enabled");
    if (enabled && settings.text("mongodb.uri").isEmpty()) {
      // Each node's embedded store would be its own: the nodes must share one MongoDB.
      throw settings.invalid("cluster.enabled", "a cluster needs one shared MongoDB: set mongodb.uri (MONGODB_URI)");
    }
    return checked(() -> new io.switchboard.server.cluster.ClusterConfig(enabled,
        settings.text("cluster.node-id"), settings.nonBlank("cluster.host"), settings.port("cluster.port"),
        optionalList(settings, "cluster.members"), settings.seconds("cluster.lease-seconds")));
  }

  /** {@code hotline.time-zone}, the one zone of "today" on the wallboard and of the reports' days; empty: the server's. */
  private static java.time.ZoneId hotlineZone(Settings settings) {
    String zoneName = settings.text("hotline.time-zone").trim();
    try {
      return zoneName.isEmpty() ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(zoneName);
    } catch (java.time.DateTimeException e) {
      throw settings.invalid("hotline.time-zone", "expected a time zone such as Europe/Kyiv or UTC");
    }
  }

  private static ReportsConfig reports(Settings settings) {
    java.time.ZoneId zone = hotlineZone(settings);
    return checked(() -> new ReportsConfig(zone, settings.positiveInt("reports.service-level-seconds"),
        Duration.ofDays(settings.positiveInt("reports.fcr-window-days"))));
  }

  private static LiveConfig live(Settings settings) {
    java.time.ZoneId zone = hotlineZone(settings);
    return checked(() -> new LiveConfig(zone, settings.nonNegativeInt("live.caller-digits-shown", 15)));
  }

  private static WebCallConfig webCall(Settings settings) {
    return checked(() -> new WebCallConfig(settings.seconds("web-call.token-lifetime-seconds"),
        settings.positiveInt("web-call.calls-per-ip-per-minute"),
        settings.positiveInt("web-call.calls-per-entry-per-minute"), settings.positiveInt("web-call.max-calls"),
        new WebCallConfig.Ice(optionalList(settings, "ice.stun-urls"), optionalList(settings, "ice.turn-urls"),
            settings.text("ice.turn-secret"), settings.seconds("ice.turn-credential-lifetime-seconds")),
        settings.port("demo.shop-port")));
  }

  private static List<String> optionalList(Settings settings, String key) {
    return java.util.Arrays.stream(settings.text(key).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toList();
  }

  private static String region(Settings settings) {
    String region = settings.nonBlank("calls.default-region").toUpperCase(java.util.Locale.ROOT);
    if (!com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
      throw settings.invalid("calls.default-region", "expected an ISO 3166 country code such as DE, UA or US");
    }
    return region;
  }

  /** Runs a record constructor and gives its IllegalArgumentException the shape of our config errors. */
  private static <T> T checked(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid setting: " + e.getMessage(), e);
    }
  }

  private static MongoConfig mongo(Settings settings) {
    String uri = settings.text("mongodb.uri");
    if (!uri.isEmpty() && !uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
      // Never echo a URI back: it may hold a password. Say what is wrong with its shape only.
      throw new ConfigException("Invalid setting mongodb.uri: expected empty (embedded MongoDB) or a connection "
          + "string starting with mongodb:// or mongodb+srv://");
    }
    String database = settings.nonBlank("mongodb.database");
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw settings.invalid("mongodb.database", "expected 1 to 63 letters, digits, '_' or '-'");
    }
    int cacheMb = settings.positiveInt("mongodb.embedded.cache-mb");
    if (cacheMb > 65_536) {
      throw settings.invalid("mongodb.embedded.cache-mb", "expected 1..65536 (MB)");
    }
    return new MongoConfig(uri, database, settings.port("mongodb.embedded.port"), cacheMb);
  }

  private static WebRtcConfig webRtc(Settings settings) {
    try {
      return new WebRtcConfig(
          settings.nonBlank("media.webrtc.bind-host"),
          settings.port("media.webrtc.port"),
          settings.list("media.webrtc.announced-addresses"),
          settings.positiveInt("media.webrtc.receive-buffer-bytes"),
          settings.positiveInt("media.webrtc.send-buffer-bytes"),
          settings.seconds("media.webrtc.consent-timeout-seconds"),
          settings.seconds("media.webrtc.connect-timeout-seconds"),
          settings.nonNegativeInt("media.webrtc.sockets", 64),
          settings.nonNegativeInt("media.webrtc.poll-micros", 5000));
    } catch (IllegalArgumentException e) {
      // The media record has its own checks; keep their message but give it the same shape as ours.
      throw new ConfigException("Invalid media settings: " + e.getMessage(), e);
    }
  }
}
