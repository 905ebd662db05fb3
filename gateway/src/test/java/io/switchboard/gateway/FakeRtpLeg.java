package io.switchboard.gateway;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpLeg;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;

/** An RTP leg that sends nothing: records where it was pointed, lets a test inject RFC 4733 digits. */
public final class FakeRtpLeg implements RtpLeg {

  /** Where {@link #remote} pointed the leg. */
  public record Remote(String host, int port, AudioCodec codec) {
  }

  private final String id;
  private final String address;
  private final int port;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile Remote remote;
  private volatile DtmfListener dtmf;

  FakeRtpLeg(String id, String address, int port) {
    this.id = id;
    this.address = address;
    this.port = port;
  }

  public Remote remote() {
    return remote;
  }

  /** Completes when the leg is closed. */
  public CompletableFuture<Void> closed() {
    return closed;
  }

  /** As if an RFC 4733 event arrived. */
  public void injectDtmf(char digit) {
    dtmf.onDigit(digit);
  }

  @Override
  public String localAddress() {
    return address;
  }

  @Override
  public int localPort() {
    return port;
  }

  @Override
  public void remote(String host, int remotePort, AudioCodec codec) {
    this.remote = new Remote(host, remotePort, codec);
  }

  @Override
  public void onDtmf(DtmfListener listener) {
    this.dtmf = listener;
  }

  @Override
  public void sendDtmf(char digit) {
  }

  @Override
  public JsonObject debugState() {
    return new JsonObject().put("id", id);
  }

  @Override
  public Future<Void> close() {
    closed.complete(null);
    return Future.succeededFuture();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public AudioCodec codec() {
    Remote r = remote;
    return r == null ? null : r.codec();
  }

  @Override
  public void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset, int length) {
  }

  @Override
  public void sink(MediaSink sink) {
  }

  @Override
  public void onMediaContext(Runnable action) {
    action.run();
  }
}
