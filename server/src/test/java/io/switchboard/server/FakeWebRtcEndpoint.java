package io.switchboard.server;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.SdpException;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.WebRtcSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A media endpoint with no sockets: accepts any offer that starts with {@code v=0}, answers with a fixed SDP, and
 * records closes. Lets server tests run without the real WebRTC stack.
 */
final class FakeWebRtcEndpoint implements WebRtcEndpoint {

  static final MediaStarter STARTER = (vertx, config) -> Future.succeededFuture(new FakeWebRtcEndpoint());
  static final String ANSWER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=fake\r\n";

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private volatile boolean closed;

  @Override
  public WebRtcSession accept(String offerSdp, MediaSink sink) throws SdpException {
    if (!offerSdp.startsWith("v=0")) {
      throw new SdpException("offer must start with v=0");
    }
    Session session = new Session("fake" + nextId.getAndIncrement());
    sessions.put(session.id(), session);
    return session;
  }

  @Override
  public Optional<WebRtcSession> session(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public int sessionCount() {
    return sessions.size();
  }

  @Override
  public int localPort() {
    return 10000;
  }

  @Override
  public JsonObject debugState() {
    return new JsonObject().put("sessions", sessions.size());
  }

  @Override
  public Future<Void> close() {
    closed = true;
    sessions.values().forEach(s -> s.close(CloseReason.SHUTDOWN));
    return Future.succeededFuture();
  }

  boolean isClosed() {
    return closed;
  }

  private final class Session implements WebRtcSession {
    private final String id;
    private final Promise<CloseReason> closedPromise = Promise.promise();

    Session(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String answerSdp() {
      return ANSWER;
    }

    @Override
    public AudioCodec codec() {
      return new AudioCodec(0, "PCMU", -1);
    }

    @Override
    public Future<Void> connected() {
      return Future.failedFuture("fake sessions never connect");
    }

    @Override
    public Future<CloseReason> closed() {
      return closedPromise.future();
    }

    @Override
    public void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset,
        int length) {
    }

    @Override
    public void sink(io.switchboard.media.MediaSink sink) {
    }

    @Override
    public void onMediaContext(Runnable action) {
      action.run();
    }

    @Override
    public JsonObject debugState() {
      return new JsonObject().put("id", id).put("state", closedPromise.future().isComplete() ? "closed" : "new");
    }

    @Override
    public void close(CloseReason reason) {
      sessions.remove(id);
      closedPromise.tryComplete(reason);
    }
  }
}
