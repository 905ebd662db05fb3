package io.switchboard.media.impl.dtls;

import java.util.Arrays;

/**
 * Keys for SRTP_AES128_CM_HMAC_SHA1_80 exported from the DTLS handshake (RFC 5764 §4.2): the exporter output is
 * client key | server key | client salt | server salt.
 */
public final class SrtpKeyingMaterial {
  public static final int KEY_LENGTH = 16;
  public static final int SALT_LENGTH = 14;
  public static final int EXPORT_LENGTH = 2 * (KEY_LENGTH + SALT_LENGTH);

  private final byte[] material;
  private final boolean weAreClient;

  public SrtpKeyingMaterial(byte[] material, boolean weAreClient) {
    if (material.length != EXPORT_LENGTH) {
      throw new IllegalArgumentException("expected " + EXPORT_LENGTH + " bytes of keying material");
    }
    this.material = material.clone();
    this.weAreClient = weAreClient;
  }

  public byte[] localKey() {
    return Arrays.copyOfRange(material, weAreClient ? 0 : KEY_LENGTH, (weAreClient ? 0 : KEY_LENGTH) + KEY_LENGTH);
  }

  public byte[] remoteKey() {
    return Arrays.copyOfRange(material, weAreClient ? KEY_LENGTH : 0, (weAreClient ? KEY_LENGTH : 0) + KEY_LENGTH);
  }

  public byte[] localSalt() {
    int start = 2 * KEY_LENGTH + (weAreClient ? 0 : SALT_LENGTH);
    return Arrays.copyOfRange(material, start, start + SALT_LENGTH);
  }

  public byte[] remoteSalt() {
    int start = 2 * KEY_LENGTH + (weAreClient ? SALT_LENGTH : 0);
    return Arrays.copyOfRange(material, start, start + SALT_LENGTH);
  }
}
