package io.switchboard.e2e.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The widget's panel as a visitor meets it: by keyboard, without a microphone, in the page's language. */
class WidgetPanelTest extends RunningServerTest {
  private Browser browser;
  private WidgetPage visitor;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  @BeforeEach
  void browser() {
    browser = FakeMicrophoneChromium.launch(playwright, null);
    visitor = new WidgetPage(browser.newPage());
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private String activeId() {
    return (String) visitor.page().evaluate("() => document.querySelector('switchboard-call-widget').shadowRoot"
        + ".activeElement?.id ?? null");
  }

  @Test
  void keyboardOnly_enterOpensWithFocusOnCall_escapeClosesBackToTheButton() {
    visitor.open("http://localhost:" + server.demoShopPort() + "/demo-shop.html");
    visitor.part("launcher").focus();
    visitor.page().keyboard().press("Enter");
    assertThat(visitor.part("panel").isVisible()).isTrue();
    assertThat(visitor.part("launcher").getAttribute("aria-expanded")).isEqualTo("true");
    assertThat(activeId()).isEqualTo("call");
    assertThat(visitor.part("status").textContent()).isEqualTo("Talk to us from your browser — no phone needed.");
    visitor.page().keyboard().press("Escape");
    assertThat(visitor.part("panel").isHidden()).isTrue();
    assertThat(activeId()).isEqualTo("launcher");
  }

  @Test
  void noMicrophone_theWidgetSaysSoAndHowToFixIt_andNoCallIsMade() throws Exception {
    visitor.page().addInitScript("navigator.mediaDevices.getUserMedia = () =>"
        + " Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));");
    visitor.open("http://localhost:" + server.demoShopPort() + "/demo-shop.html");
    visitor.openPanel();
    visitor.call();
    visitor.awaitState("s.state === 'error' && s.detail.code === 'microphone'");
    assertThat(visitor.problem()).startsWith("Could not get your microphone: access was refused.")
        .contains("allow the microphone for this site");
    assertThat(visitor.part("call").textContent()).isEqualTo("Call again");
    assertThat(await(server.activeCalls())).isZero();
    assertThat(getJson("/health").getJsonObject("webrtc").getInteger("sessions")).isZero();
  }

  @Test
  void aPageInUkrainian_getsTheWidgetInUkrainian() throws Exception {
    String html = "<!doctype html><html lang=\"uk-UA\"><body><script type=\"module\" src=\"" + baseUrl()
        + "/widget.js\" data-entry=\"shop\"></script></body></html>";
    var page = await(vertx.createHttpServer().requestHandler(r -> r.response()
        .putHeader("Content-Type", "text/html; charset=utf-8").end(html)).listen(0, "127.0.0.1"));
    visitor.open("http://localhost:" + page.actualPort() + "/");
    visitor.openPanel();
    assertThat(visitor.part("call").textContent()).isEqualTo("Зателефонувати");
    // This origin is not on the demo entry point's list: the refusal is in Ukrainian too.
    assertThat(visitor.problem()).isEqualTo("Дзвінки з цього сайту не дозволені.");
  }
}
