package io.switchboard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.testpeer.Goertzel;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** An admin's own recording: decoded, mixed to mono, resampled to 8 kHz; the tone in it is the tone heard. */
class PromptImportTest {

  @Test
  void stereo44kWav_becomes8kMono_andKeepsItsTone() {
    short[] mono = TestWavs.tone(44100, 1.0, 8000, 1000);
    short[] stereo = new short[mono.length * 2];
    for (int i = 0; i < mono.length; i++) {
      stereo[2 * i] = mono[i];
      stereo[2 * i + 1] = mono[i];
    }
    byte[] upload = TestWavs.pcm16(44100, 2, stereo);

    byte[] converted = PromptImport.toTelephoneWav("upload.wav", upload);
    short[] samples = WavDecoder.decode("converted", converted);

    assertThat(samples.length).isBetween(7900, 8100);
    assertThat(Goertzel.relativePower(samples, samples.length, 1000, 8000)).isGreaterThan(0.8);
    assertThat(Goertzel.relativePower(samples, samples.length, 1500, 8000)).isLessThan(0.05);
  }

  @Test
  void mp3Upload_isDecodedThroughMp3spi_resampledTo8k_andKeepsItsTone() throws Exception {
    byte[] upload;
    try (InputStream in = getClass().getResourceAsStream("/prompts/tone-1000hz-22k.mp3")) {
      upload = in.readAllBytes();
    }
    assertThat(upload).as("an MP3 frame sync, not a WAV").startsWith((byte) 0xFF);

    byte[] converted = PromptImport.toTelephoneWav("greeting.mp3", upload);
    short[] samples = WavDecoder.decode("converted", converted);

    // One second of sound; the decoder adds up to a frame or two of padding (1152 samples at 22.05 kHz each).
    assertThat(samples.length).isBetween(7900, 8900);
    // The decoder's first frame ramps in: measure the steady middle of the tone.
    int from = samples.length / 4;
    short[] middle = java.util.Arrays.copyOfRange(samples, from, from + 4000);
    assertThat(Goertzel.relativePower(middle, middle.length, 1000, 8000)).isGreaterThan(0.8);
    assertThat(Goertzel.relativePower(middle, middle.length, 1500, 8000)).isLessThan(0.05);
  }

  @Test
  void somethingThatIsNotAudio_isRefusedWithItsName() {
    assertThatThrownBy(() -> PromptImport.toTelephoneWav("notes.txt", "hello".getBytes()))
        .isInstanceOf(InvalidPromptException.class).hasMessageContaining("notes.txt");
  }
}
