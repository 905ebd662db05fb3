package io.switchboard.media.prompt;

import io.switchboard.media.AudioCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * One loaded prompt: linear 16-bit samples at 8 kHz, mono. The array is shared, not copied: treat it as read-only
 * (clips are cached and played to many callers at once).
 *
 * @param lang    the language the clip is really in (after a fallback, {@code en})
 * @param id      the prompt id, e.g. {@code welcome} or {@code num-7}
 * @param samples 8 kHz samples
 */
public record Clip(String lang, String id, short[] samples) {
  public Clip {
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(samples, "samples");
  }

  /** How long the clip plays. */
  public Duration duration() {
    return Duration.ofNanos(samples.length * 1_000_000_000L / AudioCodec.CLOCK_RATE);
  }

  /** How many 20 ms packets it takes (the last one padded with silence). */
  public int packets() {
    return (samples.length + AudioCodec.SAMPLES_PER_PACKET - 1) / AudioCodec.SAMPLES_PER_PACKET;
  }

  @Override
  public String toString() {
    return "Clip[" + lang + "/" + id + ", " + duration().toMillis() + " ms]";
  }
}
