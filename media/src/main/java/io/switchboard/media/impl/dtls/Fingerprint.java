package io.switchboard.media.impl.dtls;

import io.switchboard.media.SdpException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A certificate fingerprint as in {@code a=fingerprint} (RFC 8122 §5): hash function and digest of the DER
 * certificate.
 */
public record Fingerprint(String hashFunction, byte[] digest) {

  private static final Map<String, String> JCA_NAMES = Map.of(
      "sha-1", "SHA-1", "sha-224", "SHA-224", "sha-256", "SHA-256", "sha-384", "SHA-384", "sha-512", "SHA-512");
  private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

  public Fingerprint {
    digest = digest.clone();
  }

  /** Parses {@code "sha-256 AB:CD:..."}. */
  public static Fingerprint parse(String value) throws SdpException {
    String[] parts = value.trim().split(" +");
    if (parts.length != 2) {
      throw new SdpException("a=fingerprint must be '<hash-func> <hex:hex:...>', got " + value);
    }
    String hash = parts[0].toLowerCase(Locale.ROOT);
    if (!JCA_NAMES.containsKey(hash)) {
      throw new SdpException("a=fingerprint hash function not supported: " + parts[0]);
    }
    byte[] digest;
    try {
      digest = HEX.parseHex(parts[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SdpException("a=fingerprint value is not colon-separated hex: " + parts[1]);
    }
    if (digest.length != digestLength(hash)) {
      throw new SdpException("a=fingerprint " + hash + " must be " + digestLength(hash) + " bytes");
    }
    return new Fingerprint(hash, digest);
  }

  /** The fingerprint of a DER certificate with the given hash function. */
  public static Fingerprint of(String hashFunction, byte[] derCertificate) {
    return new Fingerprint(hashFunction, digest(hashFunction, derCertificate));
  }

  /** Whether {@code derCertificate} hashes to this fingerprint (constant time). */
  public boolean matches(byte[] derCertificate) {
    return MessageDigest.isEqual(digest, digest(hashFunction, derCertificate));
  }

  /** As written in SDP: {@code sha-256 AB:CD:...}. */
  @Override
  public String toString() {
    return hashFunction + " " + HEX.formatHex(digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && f.hashFunction.equals(hashFunction)
        && MessageDigest.isEqual(f.digest, digest);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(digest);
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  private static int digestLength(String hash) {
    return switch (hash) {
      case "sha-1" -> 20;
      case "sha-224" -> 28;
      case "sha-256" -> 32;
      case "sha-384" -> 48;
      default -> 64;
    };
  }

  private static byte[] digest(String hashFunction, byte[] data) {
    try {
      return MessageDigest.getInstance(JCA_NAMES.get(hashFunction)).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks " + hashFunction, e);
    }
  }
}
