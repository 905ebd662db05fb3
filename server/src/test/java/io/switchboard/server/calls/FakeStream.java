package io.switchboard.server.calls;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.WebRtcSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A media stream without a network, for call-control tests: an agent's session (connected at once) or a caller's
 * RTP leg. It remembers where its received media would go ({@link #sink()}), which is what switching is about.
 */
final class FakeStream implements WebRtcSession, RtpLeg {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final AudioCodec PCMU = new AudioCodec(0, "PCMU", 101);

  private final String id = "fake-" + IDS.incrementAndGet();
  private final Promise<CloseReason> closed = Promise.promise();
  private volatile MediaSink sink = MediaSink.DISCARD;
  /** The payloads sent to the peer, in order (what the peer would hear). */
  final java.util.concurrent.LinkedBlockingQueue<byte[]> sent = new java.util.concurrent.LinkedBlockingQueue<>();

  MediaSink sink() {
    return sink;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public AudioCodec codec() {
    return PCMU;
  }

  @Override
  public void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset, int length) {
    sent.add(java.util.Arrays.copyOfRange(payload, offset, offset + length));
  }

  @Override
  public void sink(MediaSink sink) {
    this.sink = sink;
  }

  @Override
  public void onMediaContext(Runnable action) {
    action.run();
  }

  @Override
  public String answerSdp() {
    return "v=0";
  }

  @Override
  public Future<Void> connected() {
    return Future.succeededFuture();
  }

  @Override
  public Future<CloseReason> closed() {
    return closed.future();
  }

  @Override
  public JsonObject debugState() {
    return new JsonObject().put("id", id);
  }

  @Override
  public void close(CloseReason reason) {
    closed.tryComplete(reason);
  }

  @Override
  public String localAddress() {
    return "127.0.0.1";
  }

  @Override
  public int localPort() {
    return 0;
  }

  @Override
  public void remote(String host, int port, AudioCodec codec) {
  }

  @Override
  public void onDtmf(DtmfListener listener) {
  }

  @Override
  public void sendDtmf(char digit) {
  }

  @Override
  public Future<Void> close() {
    closed.tryComplete(CloseReason.LOCAL);
    return Future.succeededFuture();
  }
}
