package io.switchboard.e2e.calls;

import io.switchboard.media.testpeer.Goertzel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a recording (8 kHz 16-bit stereo WAV) and measures tones in it. */
public final class Wav {
  private Wav() {
  }

  public static short[][] readStereo(Path wav) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getShort(22) != 2 || b.getInt(24) != 8000) {
      throw new AssertionError(wav + " is not 8 kHz stereo");
    }
    int frames = b.getInt(40) / 4;
    short[][] out = new short[2][frames];
    for (int i = 0; i < frames; i++) {
      out[0][i] = b.getShort(44 + i * 4);
      out[1][i] = b.getShort(44 + i * 4 + 2);
    }
    return out;
  }

  /** Relative power of {@code frequency} in the middle half second of the part of the channel that has sound. */
  public static double level(short[] samples, double frequency) {
    int first = 0;
    while (first < samples.length && samples[first] == 0) {
      first++;
    }
    int last = samples.length - 1;
    while (last > first && samples[last] == 0) {
      last--;
    }
    int middle = (first + last) / 2;
    short[] window = Arrays.copyOfRange(samples, Math.max(first, middle - 2000), Math.min(last + 1, middle + 2000));
    return Goertzel.relativePower(window, window.length, frequency, 8000);
  }
}
