package io.switchboard.server;

import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.Passwords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;

/**
 * The first sign-in of a new installation: a store without any account (no demo data) gets one account {@code admin}
 * with the admin role, so someone can open Configuration and create the real users. Its password is the setting
 * {@code auth.first-admin-password}, or a random one written to {@code <data.dir>/first-admin-password} with owner-only
 * permissions (never logged: the log names the file). A store that has any account is left alone, so deleting or
 * renaming the first admin later does not bring it back.
 */
final class FirstAdmin {
  private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());
  static final String USERNAME = "admin";
  static final String PASSWORD_FILE = "first-admin-password";
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private FirstAdmin() {
  }

  /** Creates the first admin when there is no account; answers whether it did. */
  static Future<Boolean> ensure(Vertx vertx, Store store, String configuredPassword, Path dataDir) {
    return store.accounts().compose(accounts -> {
      if (!accounts.isEmpty()) {
        return Future.succeededFuture(false);
      }
      // bcrypt and the file write are blocking: off the event loop.
      return vertx.executeBlocking(() -> {
        String password = configuredPassword.isEmpty() ? writeGenerated(dataDir) : configuredPassword;
        return new AgentAccount("a-admin", USERNAME, "Administrator", Passwords.hash(password),
            List.of(AgentAccount.ADMIN));
      }).compose(store::saveAgent).map(v -> {
        LOG.warning(() -> "No account in the store: created '" + USERNAME + "' (admin) with the password "
            + (configuredPassword.isEmpty() ? "in " + dataDir.resolve(PASSWORD_FILE) : "of auth.first-admin-password")
            + "; sign in at config.html and create the real users");
        return true;
      });
    });
  }

  private static String writeGenerated(Path dataDir) throws IOException {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    Path file = dataDir.resolve(PASSWORD_FILE);
    Files.createDirectories(dataDir);
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    return password.toString();
  }
}
