package io.switchboard.media.mixer;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpStream;
import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.rtp.RtpHeader;
import java.util.ArrayList;
import java.util.List;

/** A stream without a network: records what is sent to it, and can deliver packets to its sink as if received. */
final class FakeStream implements RtpStream {
  /** One packet sent to the peer. */
  record Sent(int payloadType, boolean marker, int advance, byte[] payload) {
  }

  private final String id;
  private final AudioCodec codec;
  final List<Sent> sent = new ArrayList<>();
  MediaSink sink = MediaSink.DISCARD;
  private int sequence;
  private long timestamp;

  FakeStream(String id, boolean ulaw) {
    this.id = id;
    this.codec = ulaw ? new AudioCodec(0, "PCMU", 101) : new AudioCodec(8, "PCMA", 101);
  }

  boolean ulaw() {
    return codec.name().equals("PCMU");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public AudioCodec codec() {
    return codec;
  }

  @Override
  public synchronized void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset,
      int length) {
    byte[] copy = new byte[length];
    System.arraycopy(payload, offset, copy, 0, length);
    sent.add(new Sent(payloadType, marker, timestampAdvance, copy));
  }

  @Override
  public void sink(MediaSink sink) {
    this.sink = sink;
  }

  @Override
  public void onMediaContext(Runnable action) {
    action.run();
  }

  /** Delivers one packet of this payload to the sink, as if the peer had sent it. */
  void receive(byte[] payload) {
    timestamp += payload.length;
    byte[] packet = new byte[RtpHeader.FIXED_LENGTH + payload.length];
    RtpHeader.write(packet, 0, false, codec.payloadType(), ++sequence, timestamp, 42);
    System.arraycopy(payload, 0, packet, RtpHeader.FIXED_LENGTH, payload.length);
    sink.onRtp(this, packet, 0, packet.length);
  }

  /** Everything sent so far, decoded to linear PCM in this stream's law. */
  synchronized short[] heard() {
    short[] out = new short[sent.size() * Mixer.FRAME];
    int n = 0;
    for (Sent s : sent) {
      for (byte b : s.payload()) {
        out[n++] = ulaw() ? G711.ulawToLinear(b) : G711.alawToLinear(b);
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** One 20 ms frame of a sine in this stream's law. */
  static byte[] tone(double frequency, double amplitude, long frameIndex, boolean ulaw) {
    byte[] frame = new byte[Mixer.FRAME];
    for (int i = 0; i < Mixer.FRAME; i++) {
      long n = frameIndex * Mixer.FRAME + i;
      int s = (int) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * n / 8000.0));
      frame[i] = ulaw ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
    }
    return frame;
  }
}
