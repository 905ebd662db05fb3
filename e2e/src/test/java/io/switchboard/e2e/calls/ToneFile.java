package io.switchboard.e2e.calls;

import io.switchboard.media.codec.G711;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A raw 8 kHz µ-law tone for SIPp's rtp_stream (it plays raw G.711, no header). */
public final class ToneFile {
  private ToneFile() {
  }

  public static Path write(Path file, double frequency, int seconds) throws IOException {
    byte[] ulaw = new byte[8000 * seconds];
    for (int i = 0; i < ulaw.length; i++) {
      ulaw[i] = G711.linearToUlaw((int) Math.round(8000 * Math.sin(2 * Math.PI * frequency * i / 8000.0)));
    }
    return Files.write(file, ulaw);
  }
}
