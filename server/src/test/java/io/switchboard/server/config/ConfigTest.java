package io.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

  @TempDir
  Path dir;

  @Test
  void noOverrides_everyDefaultFromTheReferenceFile() {
    Config config = Config.load(Map.of(), List.of());

    assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080));
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.mongo()).isEqualTo(new MongoConfig("", "switchboard", 0));
    assertThat(config.mongo().embedded()).isTrue();
    assertThat(config.webRtc().bindHost()).isEqualTo("0.0.0.0");
    assertThat(config.webRtc().port()).isEqualTo(10000);
    assertThat(config.webRtc().announcedAddresses()).containsExactly("127.0.0.1");
    assertThat(config.webRtc().receiveBufferBytes()).isEqualTo(4194304);
    assertThat(config.webRtc().sendBufferBytes()).isEqualTo(4194304);
    assertThat(config.webRtc().consentTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.webRtc().connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.sipEdge()).isEqualTo(io.switchboard.gateway.SipEdgeConfig.defaults());
  }

  @Test
  void loginLockout_defaultsFromTheReferenceFile_overridable_andValidated() {
    assertThat(Config.load(Map.of(), List.of()).auth().loginLockout())
        .isEqualTo(io.switchboard.signaling.LoginLockoutConfig.defaults());
    Config strict = Config.load(Map.of(), List.of("--auth.login-failures-per-address=8",
        "--auth.login-failures-per-username=3", "--auth.login-lockout-seconds=120",
        "--auth.max-login-lockout-seconds=7200"));
    assertThat(strict.auth().loginLockout()).isEqualTo(new io.switchboard.signaling.LoginLockoutConfig(8, 3,
        Duration.ofSeconds(120), Duration.ofHours(2)));

    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--auth.login-failures-per-username=0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.login-failures-per-username");
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--auth.login-lockout-seconds=600",
        "--auth.max-login-lockout-seconds=60")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("maxLockout");
  }

  @Test
  void liveBoards_hotlineTimeZoneAndCallerMasking_validated() {
    // Without hotline.time-zone both the boards and the reports count days in the server's zone.
    Config plain = Config.load(Map.of(), List.of());
    assertThat(plain.live().timeZone()).isEqualTo(java.time.ZoneId.systemDefault());
    assertThat(plain.live().timeZone()).isEqualTo(plain.reports().zone());
    Config kyiv = Config.load(Map.of(), List.of("--hotline.time-zone=Europe/Kyiv", "--live.caller-digits-shown=0"));
    assertThat(kyiv.live().timeZone()).isEqualTo(java.time.ZoneId.of("Europe/Kyiv"));
    assertThat(kyiv.reports().zone()).isEqualTo(java.time.ZoneId.of("Europe/Kyiv"));
    assertThat(kyiv.live().mask("+380441234567")).isNull();

    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--hotline.time-zone=Mars/Olympus")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid setting hotline.time-zone=\"Mars/Olympus\" (from command line): expected a time zone such"
            + " as Europe/Kyiv or UTC");
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--live.caller-digits-shown=16")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("live.caller-digits-shown");
  }

  @Test
  void fileOverridesDefaults_environmentOverridesFile_commandLineOverridesEnvironment() throws IOException {
    Path file = write("http.port=1001\nhttp.host=10.0.0.1\ndata.dir=/from/file\nmongodb.database=fromfile\n");
    Map<String, String> env = Map.of("SWITCHBOARD_HTTP_PORT", "1002", "SWITCHBOARD_DATA_DIR", "/from/env");

    Config config = Config.load(env, List.of("--config=" + file, "--http.port=1003"));

    assertThat(config.http().port()).isEqualTo(1003);
    assertThat(config.dataDir()).isEqualTo(Path.of("/from/env"));
    assertThat(config.http().host()).isEqualTo("10.0.0.1");
    assertThat(config.mongo().database()).isEqualTo("fromfile");
  }

  @Test
  void environmentNames_upperCaseWithDotsAndDashesAsUnderscores() {
    Map<String, String> env = Map.of(
        "SWITCHBOARD_MEDIA_WEBRTC_ANNOUNCED_ADDRESSES", " 192.0.2.1 , 198.51.100.7,",
        "SWITCHBOARD_MEDIA_WEBRTC_CONSENT_TIMEOUT_SECONDS", "5",
        "SWITCHBOARD_SHUTDOWN_TIMEOUT_SECONDS", "3");

    Config config = Config.load(env, List.of());

    assertThat(config.webRtc().announcedAddresses()).containsExactly("192.0.2.1", "198.51.100.7");
    assertThat(config.webRtc().consentTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void plainMongodbUri_isUsed_butThePrefixedVariableWins() {
    assertThat(Config.load(Map.of("MONGODB_URI", "mongodb://db1/"), List.of()).mongo().uri())
        .isEqualTo("mongodb://db1/");
    assertThat(Config.load(Map.of("MONGODB_URI", "mongodb://db1/", "SWITCHBOARD_MONGODB_URI", "mongodb://db2/"),
        List.of()).mongo().uri()).isEqualTo("mongodb://db2/");
    assertThat(Config.load(Map.of("MONGODB_URI", "mongodb://db1/"), List.of("--mongodb.uri=")).mongo().embedded())
        .isTrue();
  }

  @Test
  void unrelatedEnvironmentVariables_areIgnored() {
    Config config = Config.load(Map.of("SWITCHBOARD_HOME", "/opt", "PATH", "/bin"), List.of());

    assertThat(config.http().port()).isEqualTo(8080);
  }

  @Test
  void badPort_namesKeyValueAndOrigin() {
    assertThatThrownBy(() -> Config.load(Map.of("SWITCHBOARD_HTTP_PORT", "80a"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid setting http.port=\"80a\" (from environment variable SWITCHBOARD_HTTP_PORT): "
            + "expected a port number 0..65535");
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--media.webrtc.port=70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid setting media.webrtc.port=\"70000\" (from command line): expected a port number 0..65535");
  }

  @Test
  void nonPositiveNumbers_areRejected() {
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--shutdown.timeout-seconds=0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("shutdown.timeout-seconds=\"0\"")
        .hasMessageContaining("above 0");
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--media.webrtc.receive-buffer-bytes=-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("media.webrtc.receive-buffer-bytes=\"-1\"");
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--media.webrtc.sockets=65")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid setting media.webrtc.sockets=\"65\" (from command line): expected a whole number 0..64");
    assertThat(Config.load(Map.of(), List.of("--media.webrtc.sockets=3")).webRtc().sockets()).isEqualTo(3);
    assertThat(Config.load(Map.of(), List.of()).webRtc().socketCount())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void emptyValues_whereSomethingIsRequired_areRejected() {
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--http.host=")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid setting http.host=\"\" (from command line): must not be empty");
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--media.webrtc.announced-addresses= , ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("media.webrtc.announced-addresses");
  }

  @Test
  void badDatabaseName_isRejected() {
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--mongodb.database=a.b")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mongodb.database=\"a.b\"");
  }

  @Test
  void badMongoUri_isRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> Config.load(Map.of("MONGODB_URI", "http://user:secret@db"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mongodb.uri")
        .hasMessageNotContaining("secret");
  }

  @Test
  void unknownKey_onCommandLine_isATypo() {
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--http.prot=9000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Unknown setting \"http.prot\" (from command line); known settings: ")
        .hasMessageContaining("http.port");
  }

  @Test
  void unknownKey_inConfigFile_isATypo() throws IOException {
    Path file = write("# comment\nhttp.port=9000\nmongo.uri=mongodb://x\n");

    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--config=" + file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown setting \"mongo.uri\" (from config file " + file + ")");
  }

  @Test
  void malformedArgument_isRejected() {
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("http.port=1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected --key=value");
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--http.port")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected --key=value");
  }

  @Test
  void missingConfigFile_isNamed() {
    Path missing = dir.resolve("nope.properties");

    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--config=" + missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Config file not found: " + missing.toAbsolutePath());
  }

  @Test
  void valueFromConfigFile_errorNamesTheFile() throws IOException {
    Path file = write("media.webrtc.connect-timeout-seconds=soon\n");

    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--config=" + file)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("media.webrtc.connect-timeout-seconds=\"soon\" (from config file " + file + ")");
  }

  @Test
  void referenceFile_commentsEveryKey() throws IOException {
    List<String> lines;
    try (var in = ConfigTest.class.getResourceAsStream("/switchboard-reference.properties")) {
      lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.startsWith("#")) {
        assertThat(lines.get(i - 1)).as("comment above %s", line).startsWith("#");
      }
    }
  }

  @Test
  void redactedUri_dropsThePasswordOnly() {
    assertThat(new MongoConfig("mongodb://ops:s3cret@db1:27017,db2/?replicaSet=rs0", "x", 0).redactedUri())
        .isEqualTo("mongodb://ops@db1:27017,db2/?replicaSet=rs0");
    assertThat(new MongoConfig("mongodb+srv://ops@cluster.example/", "x", 0).redactedUri())
        .isEqualTo("mongodb+srv://ops@cluster.example/");
    assertThat(new MongoConfig("mongodb://db1/", "x", 0).redactedUri()).isEqualTo("mongodb://db1/");
  }

  private Path write(String content) throws IOException {
    Path file = dir.resolve("switchboard.properties");
    Files.writeString(file, content);
    return file;
  }
}
