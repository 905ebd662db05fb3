package io.switchboard.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The raw settings after layering (reference defaults, then --config file, then environment, then --key=value),
 * each remembering where it came from, with typed readers whose errors name the key, the value and that origin.
 */
final class Settings {

  static final String REFERENCE_RESOURCE = "/switchboard-reference.properties";
  static final String ENV_PREFIX = "SWITCHBOARD_";
  private static final String CONFIG_ARG = "--config=";

  private record Setting(String value, String origin) {
  }

  private final Map<String, Setting> settings = new LinkedHashMap<>();

  private Settings() {
  }

  static Settings gather(Map<String, String> env, List<String> args) {
    Settings result = new Settings();
    result.putAll(readReference(), "default");
    String configFile = null;
    for (String arg : args) {
      if (arg.startsWith(CONFIG_ARG)) {
        if (configFile != null) {
          throw new ConfigException("--config given twice: " + configFile + " and " + arg.substring(CONFIG_ARG.length()));
        }
        configFile = arg.substring(CONFIG_ARG.length());
      }
    }
    if (configFile != null) {
      result.putKnown(readFile(configFile), "config file " + configFile);
    }
    result.putEnvironment(env);
    result.putArguments(args);
    return result;
  }

  /** The environment variable that overrides {@code key}: {@code http.port} → {@code SWITCHBOARD_HTTP_PORT}. */
  static String environmentName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  String text(String key) {
    return setting(key).value;
  }

  String nonBlank(String key) {
    String value = text(key);
    if (value.isEmpty()) {
      throw invalid(key, "must not be empty");
    }
    return value;
  }

  int port(String key) {
    int port = integer(key, "a port number 0..65535");
    if (port < 0 || port > 65535) {
      throw invalid(key, "expected a port number 0..65535");
    }
    return port;
  }

  int positiveInt(String key) {
    int value = integer(key, "a whole number above 0");
    if (value <= 0) {
      throw invalid(key, "expected a whole number above 0");
    }
    return value;
  }

  int nonNegativeInt(String key, int max) {
    int value = integer(key, "a whole number 0.." + max);
    if (value < 0 || value > max) {
      throw invalid(key, "expected a whole number 0.." + max);
    }
    return value;
  }

  Duration seconds(String key) {
    return Duration.ofSeconds(positiveInt(key));
  }

  boolean bool(String key) {
    String value = nonBlank(key).toLowerCase(java.util.Locale.ROOT);
    return switch (value) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw invalid(key, "expected true or false");
    };
  }

  List<String> list(String key) {
    List<String> items = Arrays.stream(text(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (items.isEmpty()) {
      throw invalid(key, "expected a comma-separated list with at least one item");
    }
    return items;
  }

  /** An error about the current value of {@code key}, in the one format every config error uses. */
  ConfigException invalid(String key, String problem) {
    Setting setting = setting(key);
    return new ConfigException("Invalid setting " + key + "=\"" + setting.value + "\" (from " + setting.origin + "): "
        + problem);
  }

  private int integer(String key, String expected) {
    try {
      return Integer.parseInt(text(key));
    } catch (NumberFormatException e) {
      throw invalid(key, "expected " + expected);
    }
  }

  private Setting setting(String key) {
    Setting setting = settings.get(key);
    if (setting == null) {
      // A reader asked for a key the reference file lacks: a bug of ours, not of the operator.
      throw new IllegalStateException("no key " + key + " in " + REFERENCE_RESOURCE);
    }
    return setting;
  }

  private void putAll(Properties properties, String origin) {
    for (String key : properties.stringPropertyNames()) {
      settings.put(key, new Setting(properties.getProperty(key).trim(), origin));
    }
  }

  private void putKnown(Properties properties, String origin) {
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      requireKnown(key, origin);
    }
    putAll(properties, origin);
  }

  private void putEnvironment(Map<String, String> env) {
    // The plain name is what MongoDB tooling and container platforms use; the prefixed one is more specific.
    String plainMongoUri = env.get("MONGODB_URI");
    if (plainMongoUri != null) {
      settings.put("mongodb.uri", new Setting(plainMongoUri.trim(), "environment variable MONGODB_URI"));
    }
    for (String key : List.copyOf(settings.keySet())) {
      String name = environmentName(key);
      String value = env.get(name);
      if (value != null) {
        settings.put(key, new Setting(value.trim(), "environment variable " + name));
      }
    }
  }

  private void putArguments(List<String> args) {
    for (String arg : args) {
      if (arg.startsWith(CONFIG_ARG)) {
        continue;
      }
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 3) {
        throw new ConfigException("Invalid argument \"" + arg + "\": expected --key=value or --config=file.properties");
      }
      String key = arg.substring(2, equals);
      String origin = "command line";
      requireKnown(key, origin);
      settings.put(key, new Setting(arg.substring(equals + 1).trim(), origin));
    }
  }

  private void requireKnown(String key, String origin) {
    if (!settings.containsKey(key)) {
      throw new ConfigException("Unknown setting \"" + key + "\" (from " + origin + "); known settings: "
          + String.join(", ", new TreeSet<>(settings.keySet())));
    }
  }

  private static Properties readReference() {
    try (InputStream in = Settings.class.getResourceAsStream(REFERENCE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(REFERENCE_RESOURCE + " is missing from the classpath");
      }
      return load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + REFERENCE_RESOURCE, e);
    }
  }

  private static Properties readFile(String file) {
    Path path = Path.of(file);
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return load(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException("Config file not found: " + path.toAbsolutePath());
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("Cannot read config file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private static Properties load(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    return properties;
  }
}
