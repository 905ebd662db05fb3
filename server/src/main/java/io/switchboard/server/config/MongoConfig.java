package io.switchboard.server.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which MongoDB holds Switchboard's data.
 *
 * @param uri          connection string of a real MongoDB, or empty to run the embedded one
 * @param database     the database holding every collection
 * @param embeddedPort TCP port of the embedded MongoDB on 127.0.0.1; 0 picks a free one. Unused with a URI
 * @param embeddedCacheMb the embedded store's cache of decoded records, MB (docs/performance.md, "Reports over
 *     100,000 calls"). Unused with a URI
 */
public record MongoConfig(String uri, String database, int embeddedPort, int embeddedCacheMb) {

  /** The reference file's {@code mongodb.embedded.cache-mb}. */
  public static final int DEFAULT_EMBEDDED_CACHE_MB = 256;

  public MongoConfig(String uri, String database, int embeddedPort) {
    this(uri, database, embeddedPort, DEFAULT_EMBEDDED_CACHE_MB);
  }

  // user:password@ right after the scheme; the password must never reach a log or the console.
  private static final Pattern CREDENTIALS = Pattern.compile("^(mongodb(?:\\+srv)?://)([^@/]*)@");

  public MongoConfig {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(database, "database");
    if (embeddedPort < 0 || embeddedPort > 65535) {
      throw new IllegalArgumentException("mongodb.embedded.port must be 0..65535, got " + embeddedPort);
    }
    if (embeddedCacheMb < 1 || embeddedCacheMb > 65_536) {
      throw new IllegalArgumentException("mongodb.embedded.cache-mb must be 1..65536, got " + embeddedCacheMb);
    }
  }

  /** True when no URI is configured: the server runs its own in-process MongoDB. */
  public boolean embedded() {
    return uri.isEmpty();
  }

  /** The URI with any password removed ({@code mongodb://user@host/...}), safe to print. */
  public String redactedUri() {
    var matcher = CREDENTIALS.matcher(uri);
    if (!matcher.find()) {
      return uri;
    }
    String userInfo = matcher.group(2);
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    return matcher.group(1) + user + "@" + uri.substring(matcher.end());
  }
}
