package io.switchboard.gateway.impl;

import java.text.ParseException;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/**
 * Our answer to a carrier's digest challenge as a client (RFC 3261 §22.2, RFC 2617 §3.2.2): an Authorization (401)
 * or Proxy-Authorization (407) header, with qop=auth when the challenge offers it. Used for REGISTER and INVITE.
 */
final class DigestAnswer {

  private DigestAnswer() {
  }

  static AuthorizationHeader to(Response challenge, UserAgentCore ua, String method, String uri, String username,
      String password) throws ParseException {
    boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    WWWAuthenticateHeader c = (WWWAuthenticateHeader) challenge.getHeader(
        proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
    if (c == null) {
      throw new ParseException("challenge without " + (proxy ? "Proxy-" : "WWW-") + "Authenticate", 0);
    }
    String qop = null;
    if (c.getQop() != null) {
      for (String option : c.getQop().split(",")) {
        if (option.trim().equals("auth")) {
          qop = "auth";
        }
      }
    }
    String cnonce = Digest.randomHex(8);
    String nc = "00000001";
    String response = Digest.response(username, c.getRealm(), password, method, uri, c.getNonce(), qop, nc, cnonce);
    AuthorizationHeader auth = proxy ? ua.headers.createProxyAuthorizationHeader("Digest")
        : ua.headers.createAuthorizationHeader("Digest");
    auth.setUsername(username);
    auth.setRealm(c.getRealm());
    auth.setNonce(c.getNonce());
    auth.setURI(ua.addresses.createURI(uri));
    auth.setResponse(response);
    auth.setAlgorithm("MD5");
    if (c.getOpaque() != null) {
      auth.setOpaque(c.getOpaque());
    }
    if (qop != null) {
      auth.setQop(qop);
      auth.setCNonce(cnonce);
      auth.setNonceCount(1);
    }
    return auth;
  }
}
