package io.switchboard.e2e.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Route;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.switchboard.e2e.ToneWav;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way the web channel refuses a call — a page origin not on the entry point's list, a forged token, an expired
 * one, the per-address rate limit, the cap on web calls up at once — shows the visitor its message in the widget
 * and changes nothing else: no call, no history record, no media session, and other callers unaffected.
 */
class WebCallRefusalsTest extends RunningServerTest {
  private static final String SECRET = "a-test-secret-of-at-least-32-characters-long";

  private Browser browser;
  private WidgetPage visitor;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true", "--auth.jwt-secret=" + SECRET, "--web-call.calls-per-ip-per-minute=3",
        "--web-call.max-calls=1");
  }

  @BeforeEach
  void visitorBrowser() throws Exception {
    browser = FakeMicrophoneChromium.launch(playwright, ToneWav.write(dataDir, 1000));
    visitor = new WidgetPage(browser.newPage());
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private String shop() {
    return "http://localhost:" + server.demoShopPort();
  }

  @Test
  void aPageOfAnotherOrigin_isRefused_andNothingChanges() throws Exception {
    // A page the entry point does not list, on a real listener of its own (another origin), embedding the widget
    // exactly as the shop does.
    String html = "<!doctype html><html lang=\"en\"><body><script type=\"module\" src=\"" + baseUrl()
        + "/widget.js\" data-entry=\"shop\"></script></body></html>";
    var copycat = await(vertx.createHttpServer().requestHandler(r -> r.response()
        .putHeader("Content-Type", "text/html").end(html)).listen(0, "127.0.0.1"));
    int otherPort = copycat.actualPort();
    String page = "http://localhost:" + otherPort + "/copycat.html";
    visitor.open(page);
    visitor.openPanel();
    visitor.call();
    visitor.awaitState("s.state === 'error' && s.detail.code === 'origin_not_allowed'");
    assertThat(visitor.problem()).isEqualTo("Calls from this website are not enabled.");

    // A client that is not a browser can send a token of the shop with another Origin: the socket refuses too.
    String token = new JsonObject(WebCallClient.token(server.httpPort(), "shop", shop()).body()).getString("token");
    JsonObject reply = await(WebCallClient.firstReply(vertx, server.httpPort(), "http://localhost:" + otherPort,
        "127.0.0.1", WebCallClient.call(token)));
    assertThat(reply.getString("code")).isEqualTo("origin_not_allowed");
    assertNothingChanged();
  }

  @Test
  void aForgedToken_isRefused_andNothingChanges() throws Exception {
    visitor.page().route("**/api/web-call/token**", route -> replaceToken(route, token -> {
      // Same header and claims, but the claims say another entry point: the signature no longer matches.
      String[] parts = token.split("\\.");
      JsonObject claims = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[1])));
      claims.put("entry", "shop").put("exp", claims.getLong("exp") + 3600);
      return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
          .encodeToString(claims.encode().getBytes()) + "." + parts[2];
    }));
    visitor.open(shop() + "/demo-shop.html");
    visitor.openPanel();
    visitor.call();
    visitor.awaitState("s.state === 'error' && s.detail.code === 'token_invalid'");
    assertThat(visitor.problem()).isEqualTo("This call link is not valid. Please reload the page.");
    assertNothingChanged();
  }

  @Test
  void anExpiredToken_isRefused_andNothingChanges() throws Exception {
    // Signed with the server's own key, for the right entry point and page, but its time is up.
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("HS256").setBuffer(Buffer.buffer(SECRET))));
    long now = System.currentTimeMillis() / 1000;
    String expired = jwt.generateToken(new JsonObject().put("entry", "shop").put("origin", shop())
            .put("iat", now - 700).put("exp", now - 100),
        new JWTOptions().setAlgorithm("HS256").setIssuer("switchboard").setAudience(List.of("switchboard-web-call"))
            .setNoTimestamp(true));
    visitor.page().route("**/api/web-call/token**", route -> replaceToken(route, token -> expired));
    visitor.open(shop() + "/demo-shop.html");
    visitor.openPanel();
    visitor.call();
    visitor.awaitState("s.state === 'error' && s.detail.code === 'token_expired'");
    assertThat(visitor.problem()).isEqualTo("This page has been open too long. Please reload it to call.");
    assertNothingChanged();
  }

  @Test
  void theRateLimitPerAddress_refusesTheFourthCallOfAMinute_notAnotherAddress() throws Exception {
    visitor.open(shop() + "/demo-shop.html");
    visitor.openPanel();
    for (int i = 0; i < 3; i++) {
      visitor.part("call").click();
      visitor.awaitState("s.state === 'ringing'");
      visitor.part("hangup").click();
      visitor.awaitState("s.state === 'ended'");
      io.switchboard.media.testpeer.Await.until(() -> sessions() == 0, java.time.Duration.ofSeconds(10),
          "the call's session to close");
    }
    long recordsBefore = await(server.store().recentCalls(10)).size();
    visitor.part("call").click();
    visitor.awaitState("s.state === 'error' && s.detail.code === 'rate_limited'");
    assertThat(visitor.problem()).isEqualTo("Too many calls from your connection. Please try again in a minute.");
    assertThat(await(server.activeCalls())).as("calls up").isZero();
    assertThat(await(server.store().recentCalls(10))).as("history records").hasSize((int) recordsBefore);
    assertThat(sessions()).as("media sessions").isZero();

    // Another address is not limited by this one's calls (admitted, then refused for an offer no browser makes).
    String token = new JsonObject(WebCallClient.token(server.httpPort(), "shop", shop()).body()).getString("token");
    JsonObject other = await(WebCallClient.firstReply(vertx, server.httpPort(), shop(), "127.0.0.2",
        WebCallClient.call(token)));
    assertThat(other.getString("code")).isEqualTo("bad_offer");
  }

  @Test
  void theCapOnWebCalls_refusesASecondCallWhileOneIsUp_andFreesWhenItEnds() throws Exception {
    visitor.open(shop() + "/demo-shop.html");
    visitor.openPanel();
    visitor.call();
    visitor.awaitState("s.state === 'ringing'");

    WidgetPage second = new WidgetPage(browser.newPage());
    second.open(shop() + "/demo-shop.html");
    second.openPanel();
    second.call();
    second.awaitState("s.state === 'error' && s.detail.code === 'busy'");
    assertThat(second.problem()).isEqualTo("All our web lines are busy. Please try again later.");
    assertThat(await(server.activeCalls())).as("only the first call").isEqualTo(1);
    assertThat(getJson("/health").getJsonObject("webrtc").getInteger("sessions")).isEqualTo(1);

    visitor.part("hangup").click();
    visitor.awaitState("s.state === 'ended'");
    io.switchboard.media.testpeer.Await.until(() -> sessions() == 0, java.time.Duration.ofSeconds(10),
        "the first call's session to close");
    second.part("call").click();
    second.awaitState("s.state === 'ringing'");
  }

  /** Fetches the real token response and hands the page another token in it. */
  private static void replaceToken(Route route, UnaryOperator<String> change) {
    var response = route.fetch();
    JsonObject body = new JsonObject(response.text());
    body.put("token", change.apply(body.getString("token")));
    route.fulfill(new Route.FulfillOptions().setResponse(response).setBody(body.encode()));
  }

  private int sessions() {
    try {
      return getJson("/health").getJsonObject("webrtc").getInteger("sessions");
    } catch (Exception e) {
      return -1;
    }
  }

  private void assertNothingChanged() throws Exception {
    assertThat(await(server.activeCalls())).as("calls up").isZero();
    assertThat(await(server.store().recentCalls(10))).as("history records").isEmpty();
    assertThat(getJson("/health").getJsonObject("webrtc").getInteger("sessions")).as("media sessions").isZero();
  }

}
