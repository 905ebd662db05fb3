package io.switchboard.server.trunks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the trunks' digest passwords for storage: AES-256-GCM (NIST SP 800-38D) with a random 96-bit IV per value,
 * under the server's configuration key (data folder, readable by the owner only). They cannot be hashed: we must send
 * them to the carrier (RFC 3261 §22.4 computes the response from the password itself). A sealed value reads
 * {@code "aesgcm:<base64 of IV and ciphertext>"}; the key never leaves the server, the API never returns either.
 */
public final class CredentialSeal {

  static final String PREFIX = "aesgcm:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /** {@code key}: 32 bytes. */
  public CredentialSeal(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the configuration key must be 32 bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  public String seal(String clear) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
          .put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a credential", e);
    }
  }

  /** The clear value; a value that is not sealed (written by hand) is returned as it is. */
  public String open(String value) {
    if (!isSealed(value)) {
      return value;
    }
    try {
      byte[] all = Base64.getDecoder().decode(value.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a sealed trunk credential does not open with this server's key (was the"
          + " data folder's config-key replaced?)", e);
    }
  }
}
