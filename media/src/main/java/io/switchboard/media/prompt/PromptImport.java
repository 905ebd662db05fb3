package io.switchboard.media.prompt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * An admin's own recording made into a prompt: any WAV (PCM of any depth and rate, stereo too, A-law, µ-law), AIFF or
 * MP3 (through the mp3spi service provider) decoded by {@code javax.sound.sampled}, mixed to mono, resampled to
 * 8 kHz with the library's own {@link Resampler} and written as the 16-bit PCM WAV the {@link Prompts} folder takes.
 */
public final class PromptImport {

  private PromptImport() {
  }

  /**
   * @param name how errors name the upload
   * @throws InvalidPromptException when it is no audio we can decode, or longer than a prompt may be
   */
  public static byte[] toTelephoneWav(String name, byte[] audio) {
    short[] mono;
    int rate;
    try (AudioInputStream source = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio))) {
      AudioFormat in = source.getFormat();
      rate = Math.round(in.getSampleRate());
      int channels = Math.max(1, in.getChannels());
      AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, in.getSampleRate(), 16, channels,
          channels * 2, in.getSampleRate(), false);
      try (AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm, source)) {
        byte[] bytes = decoded.readAllBytes();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int frames = bytes.length / (2 * channels);
        mono = new short[frames];
        for (int f = 0; f < frames; f++) {
          int sum = 0;
          for (int c = 0; c < channels; c++) {
            sum += b.getShort((f * channels + c) * 2);
          }
          mono[f] = (short) (sum / channels);
        }
      }
    } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
      throw new InvalidPromptException("prompt " + name + ": not audio we can read (WAV, AIFF or MP3): "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new InvalidPromptException("prompt " + name + ": cannot read: " + e.getMessage(), e);
    }
    if (rate < 8000 || rate > 96000) {
      throw new InvalidPromptException("prompt " + name + ": sample rate " + rate + " Hz, expected 8 to 96 kHz");
    }
    short[] telephone = rate == 8000 ? mono : Resampler.toTelephoneRate(mono, rate);
    if (telephone.length > WavDecoder.MAX_SECONDS * 8000L) {
      throw new InvalidPromptException("prompt " + name + ": longer than " + WavDecoder.MAX_SECONDS + " s");
    }
    if (telephone.length == 0) {
      throw new InvalidPromptException("prompt " + name + ": no sound in it");
    }
    return wav(telephone);
  }

  /** RIFF/WAVE, 16-bit PCM, mono, 8 kHz. */
  public static byte[] wav(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
        .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
        .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples.length * 2);
    for (short s : samples) {
      b.putShort(s);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.capacity());
    out.write(b.array(), 0, b.capacity());
    return out.toByteArray();
  }
}
