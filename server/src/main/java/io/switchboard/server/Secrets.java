package io.switchboard.server;

import io.switchboard.server.config.AuthConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The token-signing secret: configured, or generated once into the data folder (readable by the owner only). */
final class Secrets {
  private Secrets() {
  }

  /** Blocking: call off the event loop. */
  static byte[] jwtSecret(AuthConfig auth, Path dataDir) throws IOException {
    if (!auth.jwtSecret().isEmpty()) {
      return auth.jwtSecret().getBytes(StandardCharsets.UTF_8);
    }
    return generatedOnce(dataDir.resolve("jwt-secret"), 48);
  }

  /** The key the trunks' credentials are sealed with (AES-256), generated once into the data folder. Blocking. */
  static byte[] configKey(Path dataDir) throws IOException {
    return generatedOnce(dataDir.resolve("config-key"), 32);
  }

  private static byte[] generatedOnce(Path file, int length) throws IOException {
    Path dataDir = file.getParent();
    if (Files.exists(file)) {
      return Base64.getDecoder().decode(Files.readString(file).trim());
    }
    byte[] secret = new byte[length];
    new SecureRandom().nextBytes(secret);
    Files.createDirectories(dataDir);
    Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardOpenOption.CREATE_NEW);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's permissions must do.
    }
    return secret;
  }
}
