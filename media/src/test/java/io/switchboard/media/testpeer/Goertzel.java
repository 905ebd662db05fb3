package io.switchboard.media.testpeer;

/** The Goertzel algorithm: the power of one frequency in a block of samples, for tone detection in tests. */
public final class Goertzel {
  private Goertzel() {
  }

  /** Power at {@code frequency} relative to the block's total power: near 1 for a pure tone there, near 0 else. */
  public static double relativePower(short[] samples, int count, double frequency, int sampleRate) {
    if (count == 0) {
      return 0;
    }
    double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
    double s1 = 0;
    double s2 = 0;
    double energy = 0;
    for (int i = 0; i < count; i++) {
      double x = samples[i];
      energy += x * x;
      double s0 = x + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    if (energy == 0) {
      return 0;
    }
    double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    // For a pure sinusoid at the bin, power = (N/2)^2 * A^2 and energy = N * A^2 / 2, so this ratio is ~1.
    return power / (energy * count / 2.0);
  }
}
