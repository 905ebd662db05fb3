package io.switchboard.server.webcall;

/**
 * Why a web call was refused or failed: the {@code code} of the {@code error} message (docs/protocol.md, "Web
 * call"). The widget shows its own text for each code in the visitor's language; {@code message} is for people
 * reading logs and the protocol.
 */
enum WebCallError {
  BAD_REQUEST("bad_request", "the message is not a valid web call request"),
  ENTRY_UNKNOWN("entry_unknown", "this entry point takes no web calls"),
  ORIGIN_NOT_ALLOWED("origin_not_allowed", "this page's origin may not call this entry point"),
  TOKEN_INVALID("token_invalid", "the call token is not valid"),
  TOKEN_EXPIRED("token_expired", "the call token has expired: reload the page"),
  RATE_LIMITED("rate_limited", "too many calls in a short time: try again in a minute"),
  BUSY("busy", "all web lines are busy: try again later"),
  BAD_OFFER("bad_offer", "the browser's audio offer cannot be used (G.711 over DTLS-SRTP is needed)"),
  UNAVAILABLE("unavailable", "the service is not taking calls now");

  private final String code;
  private final String message;

  WebCallError(String code, String message) {
    this.code = code;
    this.message = message;
  }

  String code() {
    return code;
  }

  String message() {
    return message;
  }
}
