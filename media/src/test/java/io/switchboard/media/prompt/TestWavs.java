package io.switchboard.media.prompt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Synthetic audio and WAV files for the prompt tests. */
final class TestWavs {
  private TestWavs() {
  }

  /** A sum of sines at {@code rate}, {@code amplitude} each, for {@code seconds}. */
  static short[] tone(int rate, double seconds, double amplitude, double... frequencies) {
    short[] s = new short[(int) Math.round(rate * seconds)];
    for (int i = 0; i < s.length; i++) {
      double v = 0;
      for (double f : frequencies) {
        v += amplitude * Math.sin(2 * Math.PI * f * i / rate);
      }
      s[i] = (short) Math.round(v);
    }
    return s;
  }

  /** A canonical 16-bit PCM WAV. */
  static byte[] pcm16(int rate, int channels, short[] interleaved) {
    ByteBuffer b = header(1, channels, rate, 16, interleaved.length * 2);
    for (short v : interleaved) {
      b.putShort(v);
    }
    return b.array();
  }

  /** A WAV with any format fields, and {@code data} as its data chunk. */
  static byte[] wav(int format, int channels, int rate, int bits, byte[] data) {
    ByteBuffer b = header(format, channels, rate, bits, data.length);
    b.put(data);
    return b.array();
  }

  private static ByteBuffer header(int format, int channels, int rate, int bits, int dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    int block = channels * Math.max(1, bits / 8);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
        .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
        .putShort((short) format).putShort((short) channels).putInt(rate).putInt(rate * block)
        .putShort((short) block).putShort((short) bits)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    return b;
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  static double rms(short[] samples) {
    double sum = 0;
    for (short s : samples) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / Math.max(1, samples.length));
  }
}
