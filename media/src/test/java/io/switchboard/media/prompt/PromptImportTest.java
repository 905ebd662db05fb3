package io.switchboard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.testpeer.Goertzel;
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
  void somethingThatIsNotAudio_isRefusedWithItsName() {
    assertThatThrownBy(() -> PromptImport.toTelephoneWav("notes.txt", "hello".getBytes()))
        .isInstanceOf(InvalidPromptException.class).hasMessageContaining("notes.txt");
  }
}
