package io.switchboard.media.recording;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpStream;
import io.switchboard.media.impl.rtp.RtpHeader;

/**
 * A sink that records what one stream receives, without relaying it anywhere: a caller leaving a voicemail. The
 * audio goes to the recorder's caller (left) channel; telephone-events and other payload types are skipped.
 */
public final class StreamRecorder implements MediaSink {
  private final CallRecorder recorder;

  private StreamRecorder(CallRecorder recorder) {
    this.recorder = recorder;
  }

  public static MediaSink into(CallRecorder recorder) {
    return new StreamRecorder(recorder);
  }

  @Override
  public void onRtp(RtpStream source, byte[] packet, int offset, int length) {
    AudioCodec codec = source.codec();
    int headerLength = RtpHeader.headerLength(packet, offset, length);
    int payloadLength = RtpHeader.payloadLength(packet, offset, length);
    if (codec == null || headerLength < 0 || payloadLength <= 0
        || RtpHeader.payloadType(packet, offset) != codec.payloadType()) {
      return;
    }
    recorder.caller(packet, offset + headerLength, payloadLength, codec.name().equals("PCMU"));
  }
}
