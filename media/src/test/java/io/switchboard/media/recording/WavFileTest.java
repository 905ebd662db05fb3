package io.switchboard.media.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {
  @TempDir
  Path dir;

  @Test
  void fileLeftByACrash_getsAHeaderThatMatchesItsData() throws Exception {
    Path wav = dir.resolve("crashed.wav");
    ByteBuffer header = WavFile.header(2, 8000, 0);
    byte[] data = new byte[44 + 4 * 8000 + 3]; // one second of stereo and a torn last frame
    header.get(data, 0, 44);
    Files.write(wav, data);

    assertThat(WavFile.repairAll(dir)).isEqualTo(1);

    ByteBuffer fixed = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(fixed.capacity()).isEqualTo(44 + 4 * 8000);
    assertThat(fixed.getInt(40)).isEqualTo(4 * 8000);
    assertThat(fixed.getInt(4)).isEqualTo(36 + 4 * 8000);
    assertThat(WavFile.repairAll(dir)).isZero();
  }

  @Test
  void filesThatAreNotWav_areLeftAlone() throws Exception {
    Path other = dir.resolve("notes.wav");
    Files.writeString(other, "not a wave file at all, just text that is long enough to have a header");
    assertThat(WavFile.repair(other)).isFalse();
  }
}
