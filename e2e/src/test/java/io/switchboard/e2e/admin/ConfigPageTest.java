package io.switchboard.e2e.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.e2e.FakeMicrophoneChromium;
import io.switchboard.e2e.RunningServerTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin's configuration page in Chromium against the real server with the demo's configuration: sam (supervisor
 * and admin) adds a number to the hotline's black list and saves it (version 2, live), is shown the server's problems
 * for a flow naming an unknown queue (nothing stored), rolls back (version 3 = version 1), and is told when someone
 * else saved meanwhile; the agent alice is not allowed and gets no editor. Screenshots in en, ru and uk.
 */
class ConfigPageTest extends RunningServerTest {
  private static final String BLOCKED_TOO = "+4930666111";

  private Browser browser;

  @Override
  protected List<String> extraArgs() {
    return List.of("--demo.enabled=true");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void adminEditsTheHotline_seesProblems_rollsBack_agentIsNotAllowed() throws Exception {
    browser = FakeMicrophoneChromium.launch(playwright, null);
    String token = loginToken("sam", "sam-demo");
    long revision = getJson("/api/config", token).getLong("revision");
    JsonObject version1 = getJson("/api/config/flow/hotline", token);
    assertThat(version1.getLong("version")).isEqualTo(1L);

    Page page = newPage();
    page.navigate(baseUrl() + "/config.html?lang=en");
    signIn(page, "sam", "sam-demo");
    assertThat(page.locator("#revision")).hasText("Live revision " + revision);
    assertThat(page.locator("#readonly")).isHidden();

    // The kinds are tabs: arrow keys move between them.
    page.locator("#tab-queue").click();
    assertThat(page.locator("#documents tbody tr")).hasCount(2);
    assertThat(page.locator("#documents tr[data-id='sales']")).containsText("Sales");
    // A queue's common settings are a form above its JSON.
    page.locator("#documents button[data-id='sales']").click();
    assertThat(page.locator("#quick-strategy")).hasValue("longest-idle");
    assertThat(page.locator("#quick-maxWait")).hasValue("");
    assertThat(page.locator("#quick-whenMaxWait option:checked")).hasText("Voicemail");
    assertThat(page.locator("#quick-whenNoAgents option:checked")).hasText("Queue support");
    shot(page, "config-0-queue-en");
    page.locator("#tab-queue").focus();
    page.keyboard().press("ArrowRight");
    page.keyboard().press("ArrowRight");
    page.keyboard().press("ArrowRight");
    assertThat(page.locator("#tab-flow")).hasAttribute("aria-selected", "true");
    assertThat(page.locator("#tab-flow")).isFocused();
    assertThat(page.locator("#list-heading")).hasText("Call flows");

    // Add a number to the black list and save: version 2, applied live.
    page.locator("#documents button[data-id='hotline']").click();
    assertThat(page.locator("#editor-version")).hasText("version 1");
    assertThat(page.locator("#editor-heading")).isFocused();
    JsonObject doc = new JsonObject(page.locator("#editor").inputValue());
    assertThat(doc).isEqualTo(withoutId(version1.getJsonObject("document")));
    // The block-list step's numbers have their own field above the JSON; a change there rewrites the JSON.
    Locator blockList = page.locator("#quick-block-block");
    assertThat(blockList).hasValue("+4930666000");
    blockList.fill("+4930666000\n" + BLOCKED_TOO);
    doc.getJsonObject("steps").getJsonObject("block").getJsonArray("numbers").add(BLOCKED_TOO);
    assertThat(new JsonObject(page.locator("#editor").inputValue())).isEqualTo(doc);
    page.locator("#save").click();
    assertThat(page.locator("#notice")).hasText("Saved as version 2 and applied live (revision " + (revision + 1) + ").");
    assertThat(page.locator("#editor-version")).hasText("version 2");
    assertThat(page.locator("#revision")).hasText("Live revision " + (revision + 1));
    assertThat(page.locator("#versions tbody tr")).hasCount(2);
    assertThat(page.locator("#versions tr[data-version='2']")).containsText("saved");
    assertThat(page.locator("#documents tr[data-id='hotline'] td").first()).hasText("2");
    JsonObject version2 = getJson("/api/config/flow/hotline", token);
    assertThat(version2.getLong("version")).isEqualTo(2L);
    assertThat(version2.getString("author")).isEqualTo("a-sam");
    assertThat(version2.getJsonObject("document").getJsonObject("steps").getJsonObject("block")
        .getJsonArray("numbers")).contains(BLOCKED_TOO);
    shot(page, "config-1-saved-en");

    // Malformed JSON is caught in the browser; nothing is sent.
    page.locator("#editor").fill("{\"entry\": \"hours\",");
    page.locator("#save").click();
    assertThat(page.locator("#problems-title")).hasText("This is not a valid JSON document; nothing was sent:");
    assertThat(page.locator("#editor")).hasAttribute("aria-invalid", "true");

    // A queue step naming an unknown queue: the server's problems are listed, and nothing is stored.
    JsonObject invalid = withoutId(version2.getJsonObject("document"));
    invalid.getJsonObject("steps").getJsonObject("sales").put("queue", "nowhere");
    page.locator("#editor").fill(invalid.encodePrettily());
    page.locator("#save").click();
    assertThat(page.locator("#problems-title")).hasText("The server refused the change, nothing was saved. Problems:");
    assertThat(page.locator("#problems-list li")).hasCount(1);
    assertThat(page.locator("#problems-list li")).containsText("unknown queue 'nowhere'");
    assertThat(page.locator("#problems")).isFocused();
    assertThat(getJson("/api/config/flow/hotline", token).getLong("version")).isEqualTo(2L);
    assertThat(getJson("/api/config", token).getLong("revision")).isEqualTo(revision + 1);
    page.selectOption("#language", "ru");
    assertThat(page.locator("#problems-title")).hasText("Сервер отклонил изменение, ничего не сохранено. Проблемы:");
    assertThat(page.locator("#save")).hasText("Сохранить и применить");
    shot(page, "config-2-problems-ru");

    // Roll back (confirmed in a dialog): version 3 has version 1's content.
    page.selectOption("#language", "uk");
    assertThat(page.locator("#rollback")).hasText("Повернути попередню");
    page.locator("#rollback").click();
    assertThat(page.locator("#confirm")).isVisible();
    assertThat(page.locator("#confirm-text")).hasText(
        "Повернути «hotline» до версії 1? Її буде збережено як нову версію й одразу застосовано.");
    assertThat(page.locator("#confirm-cancel")).isFocused();
    page.locator("#confirm-ok").click();
    assertThat(page.locator("#editor-version")).hasText("версія 3");
    assertThat(page.locator("#notice")).containsText("ревізія " + (revision + 2));
    assertThat(page.locator("#versions tbody tr")).hasCount(3);
    JsonObject version3 = getJson("/api/config/flow/hotline", token);
    assertThat(version3.getLong("version")).isEqualTo(3L);
    assertThat(version3.getJsonObject("document")).isEqualTo(version1.getJsonObject("document"));
    assertThat(version3.getString("action")).isEqualTo("rollback to 1");
    assertThat(page.locator("#versions tr[data-version='3']")).containsText("повернення до версії 1");
    assertThat(new JsonObject(page.locator("#editor").inputValue()))
        .isEqualTo(withoutId(version1.getJsonObject("document")));
    page.locator("#versions tr[data-version='1'] button").click();
    assertThat(page.locator("#version-view-heading")).hasText("Версія 1");
    assertThat(new JsonObject(page.locator("#version-content").textContent()))
        .isEqualTo(withoutId(version1.getJsonObject("document")));
    shot(page, "config-3-rolled-back-uk");

    // Someone else saves meanwhile: the page's save is refused (If-Match) and offers to reload.
    JsonObject theirs = withoutId(version3.getJsonObject("document")).put("language", "uk");
    assertThat(put("/api/config/flow/hotline", token, theirs, "3")).isEqualTo(200);
    page.selectOption("#language", "en");
    assertThat(page.locator("#save")).hasText("Save and apply");
    JsonObject mine = new JsonObject(page.locator("#editor").inputValue()).put("language", "ru");
    page.locator("#editor").fill(mine.encodePrettily());
    page.locator("#save").click();
    assertThat(page.locator("#problems-title")).containsText("Someone changed this document meanwhile");
    assertThat(getJson("/api/config/flow/hotline", token).getJsonObject("document").getString("language"))
        .isEqualTo("uk");
    page.locator("#problems-reload").click();
    assertThat(page.locator("#editor-version")).hasText("version 4");
    assertThat(new JsonObject(page.locator("#editor").inputValue()).getString("language")).isEqualTo("uk");

    // An agent is not allowed: no editor, no documents.
    Page agentPage = newPage();
    agentPage.navigate(baseUrl() + "/config.html?lang=en");
    signIn(agentPage, "alice", "alice-demo");
    assertThat(agentPage.locator("#denied")).isVisible();
    assertThat(agentPage.locator("#denied-heading")).hasText("Not allowed");
    assertThat(agentPage.locator("#editor")).isHidden();
    assertThat(agentPage.locator("#tabs")).isHidden();
    shot(agentPage, "config-4-agent-not-allowed-en");
  }

  private Page newPage() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1360, 1000));
    return context.newPage();
  }

  private static void signIn(Page page, String username, String password) {
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("#signin-form button[type=submit]").click();
  }

  private static JsonObject withoutId(JsonObject document) {
    JsonObject copy = document.copy();
    copy.remove("_id");
    copy.remove("id");
    return copy;
  }

  private static void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
        .setFullPage(true));
  }

  /** {@code PUT} with {@code If-Match}; the status. */
  private int put(String path, String token, JsonObject body, String version) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").header("If-Match", "\"" + version + "\"")
            .PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}
