package io.switchboard.media.prompt;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.codec.G711;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a RIFF/WAVE prompt into 8 kHz linear samples. Accepted: 16-bit PCM mono at 8 kHz as is; 16-bit PCM mono at
 * any other rate from 8 to 96 kHz, resampled with a low-pass ({@link Resampler}); G.711 A-law or µ-law mono at
 * 8 kHz, decoded. Everything else (stereo, 8/24/32-bit, float, compressed) is rejected with a message that names
 * the file and says what to convert it to.
 */
final class WavDecoder {
  /** Longer than this is not a prompt (and would hold megabytes of memory per clip). */
  static final int MAX_SECONDS = 300;

  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_ALAW = 6;
  private static final int FORMAT_ULAW = 7;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;
  private static final String ACCEPTED = "expected RIFF/WAVE, 16-bit PCM, mono, 8 kHz (e.g. `sox in.wav -r 8000 -c 1 "
      + "-b 16 out.wav`)";

  private WavDecoder() {
  }

  /**
   * Decodes {@code bytes}; {@code name} is how errors name the file.
   *
   * @throws InvalidPromptException if the file is not a WAV we accept
   */
  static short[] decode(String name, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
      throw invalid(name, "not a RIFF/WAVE file");
    }
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    int dataOffset = -1;
    int dataLength = 0;
    int position = 12;
    // RIFF chunks: 4-byte id, 4-byte little-endian size, body padded to an even length.
    while (position + 8 <= bytes.length) {
      String id = tag(b, position);
      long size = b.getInt(position + 4) & 0xffffffffL;
      int body = position + 8;
      long remaining = bytes.length - body;
      if (id.equals("data")) {
        if (format < 0) {
          throw invalid(name, "the data chunk comes before the fmt chunk");
        }
        // Streaming writers leave 0 or 0xFFFFFFFF when they cannot seek back: the data runs to the end.
        if (size == 0xffffffffL || (size == 0 && remaining > 0)) {
          size = remaining;
        }
        if (size > remaining) {
          throw invalid(name, "truncated: the data chunk declares " + size + " bytes but " + remaining
              + " are left");
        }
        dataOffset = body;
        dataLength = (int) size;
        break;
      }
      if (size > remaining) {
        throw invalid(name, "truncated in the '" + id.strip() + "' chunk");
      }
      if (id.equals("fmt ")) {
        if (size < 16) {
          throw invalid(name, "fmt chunk too short (" + size + " bytes)");
        }
        format = b.getShort(body) & 0xffff;
        channels = b.getShort(body + 2) & 0xffff;
        rate = b.getInt(body + 4);
        bits = b.getShort(body + 14) & 0xffff;
        if (format == FORMAT_EXTENSIBLE && size >= 40) {
          // WAVEFORMATEXTENSIBLE: the real format is the first two bytes of the SubFormat GUID.
          format = b.getShort(body + 24) & 0xffff;
        }
      }
      position = (int) (body + size + (size & 1));
    }
    if (format < 0) {
      throw invalid(name, "no fmt chunk");
    }
    if (dataOffset < 0) {
      throw invalid(name, "no data chunk");
    }
    if (channels != 1) {
      throw invalid(name, channels + " channels; " + ACCEPTED);
    }
    short[] samples;
    if (format == FORMAT_PCM && bits == 16) {
      if (rate < 8000 || rate > 96000) {
        throw invalid(name, "sample rate " + rate + " Hz; " + ACCEPTED + " (8 to 96 kHz is resampled)");
      }
      checkLength(name, dataLength / 2, rate);
      samples = new short[dataLength / 2];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = b.getShort(dataOffset + 2 * i);
      }
      if (rate != AudioCodec.CLOCK_RATE) {
        samples = Resampler.toTelephoneRate(samples, rate);
      }
    } else if ((format == FORMAT_ALAW || format == FORMAT_ULAW) && bits == 8) {
      if (rate != AudioCodec.CLOCK_RATE) {
        throw invalid(name, "G.711 at " + rate + " Hz; " + ACCEPTED);
      }
      checkLength(name, dataLength, rate);
      samples = new short[dataLength];
      for (int i = 0; i < samples.length; i++) {
        byte s = bytes[dataOffset + i];
        samples[i] = format == FORMAT_ULAW ? G711.ulawToLinear(s) : G711.alawToLinear(s);
      }
    } else {
      throw invalid(name, describe(format, bits) + "; " + ACCEPTED);
    }
    if (samples.length == 0) {
      throw invalid(name, "no audio (the data chunk is empty)");
    }
    return samples;
  }

  private static void checkLength(String name, long samples, int rate) {
    if (samples > (long) MAX_SECONDS * rate) {
      throw invalid(name, "longer than " + MAX_SECONDS + " s (" + samples / rate + " s)");
    }
  }

  private static String describe(int format, int bits) {
    return switch (format) {
      case FORMAT_PCM -> bits + "-bit PCM";
      case 3 -> bits + "-bit float";
      case FORMAT_ALAW -> bits + "-bit A-law";
      case FORMAT_ULAW -> bits + "-bit µ-law";
      default -> "compressed format 0x" + Integer.toHexString(format);
    };
  }

  private static String tag(ByteBuffer b, int at) {
    byte[] four = new byte[4];
    b.get(at, four);
    return new String(four, StandardCharsets.US_ASCII);
  }

  private static InvalidPromptException invalid(String name, String why) {
    return new InvalidPromptException("prompt " + name + ": " + why);
  }
}
