package io.switchboard.media.impl.ice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.ice4j.attribute.MessageIntegrityAttribute;

/**
 * Checks MESSAGE-INTEGRITY of a raw STUN message (RFC 5389 §15.4): HMAC-SHA1 over the message up to the attribute,
 * with the header length adjusted to end right after it (so a FINGERPRINT that follows is excluded).
 */
public final class StunIntegrity {
  private static final int HEADER = 20;
  private static final int TYPE_MESSAGE_INTEGRITY = 0x0008;
  private static final int HMAC_LENGTH = 20;

  private StunIntegrity() {
  }

  /** True if the message carries a MESSAGE-INTEGRITY that verifies with {@code password}. */
  public static boolean verify(byte[] message, int length, String password) {
    int position = HEADER;
    while (position + 4 <= length) {
      int type = ((message[position] & 0xff) << 8) | (message[position + 1] & 0xff);
      int attributeLength = ((message[position + 2] & 0xff) << 8) | (message[position + 3] & 0xff);
      if (type == TYPE_MESSAGE_INTEGRITY) {
        if (attributeLength != HMAC_LENGTH || position + 4 + HMAC_LENGTH > length) {
          return false;
        }
        byte[] signed = new byte[position];
        System.arraycopy(message, 0, signed, 0, position);
        int adjusted = position - HEADER + 4 + HMAC_LENGTH;
        signed[2] = (byte) (adjusted >>> 8);
        signed[3] = (byte) adjusted;
        byte[] expected = MessageIntegrityAttribute.calculateHmacSha1(signed, 0, signed.length,
            password.getBytes(StandardCharsets.UTF_8));
        byte[] actual = new byte[HMAC_LENGTH];
        System.arraycopy(message, position + 4, actual, 0, HMAC_LENGTH);
        return MessageDigest.isEqual(expected, actual);
      }
      position += 4 + ((attributeLength + 3) & ~3);
    }
    return false;
  }
}
