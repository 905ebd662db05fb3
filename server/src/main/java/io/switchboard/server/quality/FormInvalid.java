package io.switchboard.server.quality;

/**
 * A form or an evaluation that cannot be accepted as written: {@code path} names the field at fault the way a client
 * addresses it ({@code sections[0].questions[2].weight}, {@code answers.greeting}), so the page can point at it.
 */
public final class FormInvalid extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String path;

  public FormInvalid(String path, String message) {
    super(path + ": " + message, null, false, false);
    this.path = path;
  }

  public String path() {
    return path;
  }
}
