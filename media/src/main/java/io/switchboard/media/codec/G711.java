package io.switchboard.media.codec;

/**
 * ITU-T G.711 µ-law and A-law, by table. Decoding is one lookup; µ-law ⇄ A-law conversion (a trunk and an agent
 * that negotiated different laws) is one lookup per byte, with no trip through linear PCM at run time.
 */
public final class G711 {
  private static final short[] ULAW_TO_LINEAR = new short[256];
  private static final short[] ALAW_TO_LINEAR = new short[256];
  private static final byte[] ULAW_TO_ALAW = new byte[256];
  private static final byte[] ALAW_TO_ULAW = new byte[256];
  private static final int BIAS = 0x84;
  private static final int CLIP = 32635;

  static {
    for (int i = 0; i < 256; i++) {
      ULAW_TO_LINEAR[i] = ulawDecode((byte) i);
      ALAW_TO_LINEAR[i] = alawDecode((byte) i);
    }
    for (int i = 0; i < 256; i++) {
      ULAW_TO_ALAW[i] = linearToAlaw(ULAW_TO_LINEAR[i]);
      ALAW_TO_ULAW[i] = linearToUlaw(ALAW_TO_LINEAR[i]);
    }
  }

  private G711() {
  }

  public static short ulawToLinear(byte ulaw) {
    return ULAW_TO_LINEAR[ulaw & 0xff];
  }

  public static short alawToLinear(byte alaw) {
    return ALAW_TO_LINEAR[alaw & 0xff];
  }

  public static byte ulawToAlaw(byte ulaw) {
    return ULAW_TO_ALAW[ulaw & 0xff];
  }

  public static byte alawToUlaw(byte alaw) {
    return ALAW_TO_ULAW[alaw & 0xff];
  }

  /** G.711 §3 µ-law compression of a 16-bit sample. */
  public static byte linearToUlaw(int sample) {
    int sign = (sample >> 8) & 0x80;
    if (sign != 0) {
      sample = -sample;
    }
    if (sample > CLIP) {
      sample = CLIP;
    }
    sample += BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (sample >> (exponent + 3)) & 0x0f;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  /** G.711 §2 A-law compression of a 16-bit sample. */
  public static byte linearToAlaw(int sample) {
    int sign = sample >= 0 ? 0x80 : 0;
    if (sign == 0) {
      sample = -sample - 1;
    }
    if (sample > 32767) {
      sample = 32767;
    }
    int value;
    if (sample < 256) {
      value = sample >> 4;
    } else {
      int exponent = 7;
      for (int mask = 0x4000; (sample & mask) == 0 && exponent > 1; mask >>= 1) {
        exponent--;
      }
      value = (exponent << 4) | ((sample >> (exponent + 3)) & 0x0f);
    }
    return (byte) ((sign | value) ^ 0x55);
  }

  private static short ulawDecode(byte ulaw) {
    int u = ~ulaw & 0xff;
    int sign = u & 0x80;
    int exponent = (u >> 4) & 0x07;
    int mantissa = u & 0x0f;
    int sample = ((mantissa << 3) + BIAS) << exponent;
    sample -= BIAS;
    return (short) (sign != 0 ? -sample : sample);
  }

  private static short alawDecode(byte alaw) {
    int a = (alaw ^ 0x55) & 0xff;
    int sign = a & 0x80;
    int exponent = (a >> 4) & 0x07;
    int mantissa = a & 0x0f;
    int sample = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
    return (short) (sign != 0 ? sample : -sample);
  }
}
