package io.switchboard.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Debian's Chromium with a WAV file as its microphone. Chromium reads one fake-capture file per browser process, so
 * two "people" with different voices are two launches.
 */
public final class FakeMicrophoneChromium {

  public static final Path CHROMIUM = Paths.get(System.getProperty("switchboard.chromium", "/usr/bin/chromium"));

  private FakeMicrophoneChromium() {
  }

  /** @param wav the microphone's sound, or null for Chromium's own fake beep */
  public static Browser launch(Playwright playwright, Path wav) {
    // A missing browser fails the run rather than skipping: a skipped end-to-end test proves nothing.
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium (./switchboard test does)");
    }
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(java.util.stream.Stream.of(
            "--no-sandbox",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            wav == null ? null : "--use-file-for-fake-audio-capture=" + wav.toAbsolutePath(),
            // The server announces 127.0.0.1 in tests; Chromium ignores loopback candidates without this.
            "--allow-loopback-in-peer-connection",
            "--autoplay-policy=no-user-gesture-required",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-gpu").filter(java.util.Objects::nonNull).toList()));
  }
}
