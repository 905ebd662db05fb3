package io.switchboard.e2e.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.switchboard.e2e.ClasspathWebroot;
import io.switchboard.e2e.FakeMicrophoneChromium;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin console's diff before a save (js/admin/diff-dialog.js) shows that a trunk's password changes, never the
 * password an admin just typed: the dialog is what a colleague or a screen share sees. The module runs in Chromium
 * on the web client's own files, with config.html's dialog markup.
 */
class DiffDialogSecretsTest {

  private static final String TYPED = "s3cret-Typed-Now";

  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void launch() {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = FakeMicrophoneChromium.launch(playwright, null);
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @Test
  void aTypedTrunkPassword_isShownAsChanged_neverInClear() {
    try (Page page = browser.newPage()) {
      page.route(ClasspathWebroot.ORIGIN + "/**", ClasspathWebroot::serve);
      page.navigate(ClasspathWebroot.ORIGIN + ClasspathWebroot.BLANK + "?lang=en");
      page.setContent("""
          <dialog id="diff"><form method="dialog"><h2 data-diff-title></h2><div data-diff-body></div>
          <button type="submit" value="cancel" id="diff-cancel">Cancel</button>
          <button type="submit" value="ok" id="diff-ok">Save</button></form></dialog>""");
      page.evaluate("""
          async typed => {
            const { initI18n } = await import('/js/i18n.js');
            await initI18n();
            const { showDiff } = await import('/js/admin/diff-dialog.js');
            const before = { host: 'old.example', username: 'hotline', passwordSet: true };
            const after = { host: 'sip.example', username: 'hotline', passwordSet: true, password: typed,
              registration: { password: typed } };
            window.diffDone = showDiff(document.getElementById('diff'), [
              { kind: 'trunk', id: 'carrier', before, after },
              { kind: 'trunk', id: 'second', before: undefined, after: { host: 'b.example', auth: { password: typed } } },
            ]);
          }""", TYPED);

      Locator dialog = page.locator("#diff");
      assertThat(dialog).isVisible();
      assertThat(dialog).not().containsText(TYPED);
      Locator changed = dialog.locator("[data-id='carrier'] tr[data-path='password']");
      assertThat(changed.locator(".console-diff__before")).hasText("—");
      assertThat(changed.locator(".console-diff__after")).hasText("•••• (changed)");
      assertThat(dialog.locator("[data-id='carrier'] tr[data-path='registration/password'] .console-diff__after"))
          .hasText("•••• (changed)");
      assertThat(dialog.locator("[data-id='second'] tr[data-path='auth/password'] .console-diff__after"))
          .hasText("•••• (changed)");
      // Other fields still say what they become.
      assertThat(dialog.locator("[data-id='carrier'] tr[data-path='host'] .console-diff__after"))
          .hasText("sip.example");
      page.locator("#diff-cancel").click();
      assertThat(dialog).isHidden();
    }
  }
}
