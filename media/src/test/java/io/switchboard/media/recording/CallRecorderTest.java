package io.switchboard.media.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stereo writer places frames by arrival time, across gaps longer than its window. */
class CallRecorderTest {
  @TempDir
  Path dir;

  @Test
  void aFrameSecondsAfterTheLastWriteLeavesSilenceBeforeIt() throws Exception {
    // The call began 10 s ago and nothing was written since (a side on hold, or a writer starved by a busy
    // machine): the first frame belongs 10 s in, 2.5 windows of 4 s beyond what is on disk.
    long tenSecondsAgo = System.nanoTime() - 10_000_000_000L;
    CallRecorder recorder = new CallRecorder(dir.resolve("gap.wav"), tenSecondsAgo, 0);
    recorder.open();
    byte[] loud = new byte[160];
    Arrays.fill(loud, (byte) 0x80); // µ-law 0x80: the largest positive sample
    recorder.caller(loud, 0, loud.length, true);

    recorder.drain(true);

    CallRecorder.Recording recording = recorder.finished().get();
    assertThat(recording.durationMillis()).isBetween(9_900L, 10_500L);
    ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(recording.file())).order(ByteOrder.LITTLE_ENDIAN);
    int frames = (data.capacity() - WavFile.HEADER_LENGTH) / 4;
    // Silence for the first 9.9 s, both sides.
    for (int i = 0; i < 79_000; i++) {
      assertThat(data.getShort(WavFile.HEADER_LENGTH + i * 4)).isZero();
    }
    // The frame is the last 160 samples of the left side.
    int loudLeft = 0;
    for (int i = frames - 160; i < frames; i++) {
      if (data.getShort(WavFile.HEADER_LENGTH + i * 4) > 30_000) {
        loudLeft++;
      }
    }
    assertThat(loudLeft).isEqualTo(160);
  }
}
