package io.switchboard.media.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The canonical 44-byte RIFF/WAVE header for 16-bit PCM, and its repair. */
public final class WavFile {
  public static final int HEADER_LENGTH = 44;

  private WavFile() {
  }

  public static ByteBuffer header(int channels, int sampleRate, long dataBytes) {
    ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    h.putInt((int) Math.min(0xffffffffL, 36 + dataBytes));
    h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    h.putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
        .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    h.putInt((int) Math.min(0xffffffffL, dataBytes));
    return h.flip();
  }

  /**
   * Makes the header of a WAV left by a crash agree with the file's length (whole sample frames only). Returns true
   * if it changed anything. Files that are not our 44-byte PCM WAVs are left alone.
   */
  public static boolean repair(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
      if (size < HEADER_LENGTH || channel.read(h, 0) != HEADER_LENGTH) {
        return false;
      }
      h.flip();
      byte[] riff = new byte[4];
      h.get(0, riff);
      if (!new String(riff, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF")) {
        return false;
      }
      int channels = h.getShort(22);
      int sampleRate = h.getInt(24);
      int frame = Math.max(1, channels * 2);
      long data = (size - HEADER_LENGTH) / frame * frame;
      long recorded = h.getInt(40) & 0xffffffffL;
      if (recorded == data && size == HEADER_LENGTH + data) {
        return false;
      }
      channel.truncate(HEADER_LENGTH + data);
      channel.write(header(channels, sampleRate, data), 0);
      channel.force(true);
      return true;
    }
  }

  /** Repairs every .wav under {@code folder}; returns how many needed it. */
  public static int repairAll(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    int repaired = 0;
    try (var files = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".wav"))::iterator) {
        if (repair(p)) {
          repaired++;
        }
      }
    }
    return repaired;
  }
}
