package io.switchboard.media.testpeer;

/** A sine tone at 8 kHz, continuous across calls (no clicks at packet edges). */
public final class ToneGenerator {
  private final double frequency;
  private final double amplitude;
  private long sampleIndex;

  /** @param amplitude peak, in 16-bit units (e.g. 8000 is about -12 dBFS) */
  public ToneGenerator(double frequency, double amplitude) {
    this.frequency = frequency;
    this.amplitude = amplitude;
  }

  public void next(short[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * sampleIndex++ / 8000.0));
    }
  }
}
