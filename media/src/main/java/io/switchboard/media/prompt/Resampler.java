package io.switchboard.media.prompt;

import io.switchboard.media.AudioCodec;

/**
 * Brings a recording made at another rate (16, 22.05, 44.1, 48 kHz...) down or up to 8 kHz. Band-limited
 * interpolation: every output sample is the input convolved with a Blackman-windowed sinc low-pass whose cutoff
 * (3.6 kHz) is below the new Nyquist frequency, so nothing above 4 kHz folds back into the telephone band as
 * aliasing. The kernel is tabulated at 512 phases per input sample and interpolated linearly. Runs once per file at
 * start, never per packet.
 */
final class Resampler {
  private static final double CUTOFF_HZ = 3600;
  /** Transition band of the low-pass: Blackman's is about 5.5 / taps of the input rate. */
  private static final double TRANSITION_HZ = 400;
  private static final int PHASES = 512;

  private Resampler() {
  }

  static short[] toTelephoneRate(short[] input, int inputRate) {
    int outputRate = AudioCodec.CLOCK_RATE;
    double cutoff = Math.min(CUTOFF_HZ, 0.45 * inputRate) / inputRate;  // cycles per input sample
    int half = (int) Math.ceil(5.5 * inputRate / TRANSITION_HZ / 2);    // kernel half-width in input samples
    double[] kernel = new double[half * PHASES + 2];
    for (int i = 0; i < kernel.length; i++) {
      double x = (double) i / PHASES;                                    // distance in input samples
      double w = x >= half ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * x / half) + 0.08 * Math.cos(2 * Math.PI * x / half);
      double sinc = x == 0 ? 1 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
      kernel[i] = 2 * cutoff * sinc * w;
    }
    int length = (int) ((long) input.length * outputRate / inputRate);
    short[] output = new short[length];
    for (int m = 0; m < length; m++) {
      double t = (double) m * inputRate / outputRate;
      int first = Math.max(0, (int) Math.ceil(t - half));
      int last = Math.min(input.length - 1, (int) Math.floor(t + half));
      double sum = 0;
      for (int k = first; k <= last; k++) {
        double position = Math.abs(t - k) * PHASES;
        int index = (int) position;
        double fraction = position - index;
        sum += input[k] * (kernel[index] + fraction * (kernel[index + 1] - kernel[index]));
      }
      output[m] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
    }
    return output;
  }
}
