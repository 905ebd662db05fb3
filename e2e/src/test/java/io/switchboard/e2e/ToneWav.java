package io.switchboard.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the sine-tone WAV files Chromium plays as its fake microphone ({@code --use-file-for-fake-audio-capture}).
 * Chromium loops the file, so the length holds a whole number of cycles: the loop point is then click-free and no
 * other frequency leaks into what the detector hears.
 */
public final class ToneWav {

  static final int SAMPLE_RATE = 48_000;
  /** About −6 dBFS: loud enough to stand far above G.711 quantisation noise, far from clipping. */
  static final double AMPLITUDE = 0.5;
  static final int SECONDS = 5;

  private ToneWav() {
  }

  /** Mono, 16-bit PCM, 48 kHz, {@value #SECONDS} s of frequencyHz (which must be a whole number of Hz). */
  public static Path write(Path dir, int frequencyHz) throws IOException {
    return write(dir, frequencyHz, AMPLITUDE);
  }

  /** As {@link #write(Path, int)}, with the peak as a fraction of full scale. */
  public static Path write(Path dir, int frequencyHz, double amplitude) throws IOException {
    int samples = SAMPLE_RATE * SECONDS;
    int dataBytes = samples * 2;
    ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    // RIFF/WAVE header with one 'fmt ' chunk (PCM) and one 'data' chunk.
    wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
        .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
        .putShort((short) 1) // PCM
        .putShort((short) 1) // mono
        .putInt(SAMPLE_RATE)
        .putInt(SAMPLE_RATE * 2) // byte rate
        .putShort((short) 2) // block align
        .putShort((short) 16) // bits per sample
        .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
    for (int i = 0; i < samples; i++) {
      double x = amplitude * Math.sin(2 * Math.PI * frequencyHz * i / SAMPLE_RATE);
      wav.putShort((short) Math.round(x * Short.MAX_VALUE));
    }
    Path file = dir.resolve("tone-" + frequencyHz + "hz.wav");
    Files.write(file, wav.array());
    return file;
  }
}
