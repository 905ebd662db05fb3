package io.switchboard.server.calls;

import io.switchboard.media.CloseReason;
import io.switchboard.media.DtmfTap;
import io.switchboard.media.RtpStream;
import io.switchboard.media.WebRtcSession;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A website visitor's call: one WebRTC session (ICE-lite, DTLS-SRTP, G.711 on the endpoint's one port) set up for
 * this call, and the page's signalling socket. Keys arrive as RFC 4733 events ({@link DtmfTap}); what the caller
 * experiences (queued at position N, connected, ended) goes back to the page so the widget shows what they hear.
 * The session ends the call when the page hangs up, its socket closes, or the browser stops answering consent checks
 * (RFC 7675 §5.1: a closed or lost tab); hanging up from our side closes both.
 *
 * <p>Nothing here can reach beyond the one session: there is no dial, transfer or refer, so a web caller is only
 * ever bridged by call control to an agent who answered them.
 */
public final class WebLeg implements CallerLeg {

  /** The page's signalling channel. */
  public interface Page {
    /** Sends a message to the page (docs/protocol.md, "Web call"). Any thread. */
    void send(JsonObject message);

    /** Closes the channel, having said everything. Idempotent. */
    void close();
  }

  /**
   * Who is calling from where, as the page told us (unverified, for the record and the agent's eyes).
   *
   * @param entry  the web entry point called
   * @param origin the page's origin, checked against the entry point's list
   * @param page   the page's URL
   * @param name   the name the visitor typed, or null
   * @param number the number the visitor typed, or null
   */
  public record Visitor(String entry, String origin, String page, String name, String number) {
  }

  /** Timeline events the page may see, and what they are called there. */
  private static final Set<String> SHOWN = Set.of("arrived", "queued", "position", "announced", "answered",
      "ended");

  private final WebRtcSession session;
  private final Visitor visitor;
  private final Page page;
  private final DtmfTap media;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Consumer<EndReason> endListener = r -> { };
  private volatile Consumer<Character> dtmfListener = d -> { };

  public WebLeg(WebRtcSession session, Visitor visitor, Page page) {
    this.session = session;
    this.visitor = visitor;
    this.page = page;
    this.media = DtmfTap.on(session, digit -> dtmfListener.accept(digit));
    session.closed().onSuccess(this::sessionClosed);
  }

  public Visitor visitor() {
    return visitor;
  }

  /** The page said hang up, or its socket closed. */
  public void callerHungUp() {
    end(EndReason.CALLER_HUNG_UP);
  }

  private void sessionClosed(CloseReason reason) {
    end(switch (reason) {
      case LOCAL -> EndReason.WE_HUNG_UP;
      case PEER_CLOSED -> EndReason.CALLER_HUNG_UP;
      case CONSENT_EXPIRED -> EndReason.MEDIA_LOST;
      default -> EndReason.FAILED;
    });
  }

  private void end(EndReason reason) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    session.close(CloseReason.LOCAL);
    if (reason != EndReason.WE_HUNG_UP) {
      page.send(new JsonObject().put("type", "status").put("state", "ended")
          .put("reason", reason == EndReason.MEDIA_LOST ? "media_lost" : "hung_up"));
    }
    page.close();
    endListener.accept(reason);
  }

  @Override
  public String channel() {
    return "web";
  }

  @Override
  public RtpStream media() {
    return media;
  }

  @Override
  public void earlyMedia() {
    // The session carries media from the start: the visitor hears ringback and prompts as they come.
  }

  @Override
  public Future<Void> answer() {
    return Future.succeededFuture();
  }

  @Override
  public void reject(int status, String reason) {
    page.send(new JsonObject().put("type", "error").put("code", status == 503 ? "unavailable" : "refused")
        .put("message", reason));
    end(EndReason.WE_HUNG_UP);
  }

  @Override
  public void hangup() {
    end(EndReason.WE_HUNG_UP);
  }

  @Override
  public void sendDtmf(char digit) {
    // An agent's keys are for a far end's IVR; a person in a browser has none, and hears no tones from them.
  }

  @Override
  public void onEnded(Consumer<EndReason> listener) {
    endListener = listener;
    if (ended.get()) {
      // Ended before call control listened (the page closed at once): tell it now, as a trunk leg would.
      listener.accept(EndReason.CALLER_HUNG_UP);
    }
  }

  @Override
  public void onDtmf(Consumer<Character> listener) {
    dtmfListener = listener;
  }

  @Override
  public void onHold(Consumer<Boolean> listener) {
    // A browser does not put us on hold; muting stays on the visitor's side.
  }

  @Override
  public JsonObject describe() {
    return new JsonObject().put("channel", channel()).put("web", new JsonObject().put("entry", visitor.entry())
        .put("origin", visitor.origin()).put("page", visitor.page()).put("name", visitor.name())
        .put("number", visitor.number()));
  }

  /** Passes on what the visitor hears: ringing, queued with position and wait, connected, the survey, ended. */
  @Override
  public void heard(String event, JsonObject details) {
    JsonObject status = new JsonObject().put("type", "status");
    if ("flow".equals(event) && "RunSurvey".equals(details.getString("decision"))) {
      page.send(status.put("state", "survey"));
      return;
    }
    if (!SHOWN.contains(event)) {
      return;
    }
    switch (event) {
      case "arrived" -> status.put("state", "ringing");
      case "answered" -> status.put("state", "connected");
      case "ended" -> status.put("state", "ended").put("outcome", details.getString("outcome"));
      default -> status.put("state", "queued").put("position", details.getInteger("position"))
          .put("estimatedWaitSeconds", details.getValue("estimatedWaitSeconds"));
    }
    page.send(status);
  }
}
