package io.switchboard.gateway.impl;

import io.switchboard.gateway.Registration;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.ListIterator;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Keeps one trunk registered at its carrier's registrar (RFC 3261 §10.2): REGISTER, answer a 401/407 digest
 * challenge (§22.2), refresh at 80 % of the granted expiry, retry after failures. Lives on the gateway's context.
 */
final class TrunkRegistration {

  private static final Logger LOG = Logger.getLogger(TrunkRegistration.class.getName());

  enum State { REGISTERING, REGISTERED, FAILED, STOPPED }

  /** Back-off after a failure before trying again. */
  static final long RETRY_MILLIS = 30_000;
  /** A second challenge in a row means our credentials are wrong; don't loop. */
  private static final int MAX_CHALLENGES = 2;

  private final String trunk;
  private final Registration config;
  private final UserAgentCore ua;
  private final Context context;
  private final GatewayCounters counters;
  /** One Call-ID and From tag for every REGISTER of this binding (RFC 3261 §10.2.4). */
  private final String callId;
  private final String fromTag = UserAgentCore.newTag();

  private long cseq = 1;
  private int challenges;
  private State state = State.REGISTERING;
  private int lastStatus;
  private String lastReason = "";
  private long grantedSeconds;
  private Instant registeredAt;
  private long timer = -1;

  TrunkRegistration(String trunk, Registration config, UserAgentCore ua, Context context, GatewayCounters counters) {
    this.trunk = trunk;
    this.config = config;
    this.ua = ua;
    this.context = context;
    this.counters = counters;
    this.callId = ua.provider.getNewCallId().getCallId();
  }

  void start() {
    send(null);
  }

  String trunk() {
    return trunk;
  }

  Registration config() {
    return config;
  }

  void stop() {
    state = State.STOPPED;
    cancelTimer();
  }

  State state() {
    return state;
  }

  /** A response to one of our REGISTERs arrived (on the context). */
  void onResponse(Response response) {
    if (state == State.STOPPED) {
      return;
    }
    int status = response.getStatusCode();
    if (status < 200) {
      return;
    }
    lastStatus = status;
    lastReason = response.getReasonPhrase();
    if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
      counters.increment("register_challenged");
      if (++challenges > MAX_CHALLENGES) {
        fail("registrar keeps challenging: wrong credentials?");
        return;
      }
      send(response);
      return;
    }
    if (status == Response.INTERVAL_TOO_BRIEF) {
      fail("registrar wants a longer expiry (423)");
      return;
    }
    if (status >= 300) {
      fail("registrar answered " + status + " " + response.getReasonPhrase());
      return;
    }
    challenges = 0;
    grantedSeconds = granted(response);
    registeredAt = Instant.now();
    state = State.REGISTERED;
    counters.increment("register_ok");
    // Refresh well before the binding expires: 80 % of what the registrar granted.
    schedule(Math.max(1000, grantedSeconds * 800));
  }

  void onTimeout() {
    if (state != State.STOPPED) {
      lastStatus = 408;
      lastReason = "Request Timeout";
      fail("no response from the registrar");
    }
  }

  JsonObject debugState() {
    JsonObject json = new JsonObject()
        .put("trunk", trunk)
        .put("registrar", config.registrar())
        .put("aor", "sip:" + config.username() + "@" + config.domain())
        .put("state", state.name())
        .put("lastStatus", lastStatus)
        .put("lastReason", lastReason);
    if (registeredAt != null) {
      json.put("registeredAt", registeredAt.toString()).put("grantedSeconds", grantedSeconds);
    }
    return json;
  }

  private void fail(String why) {
    LOG.warning("trunk " + trunk + ": registration failed: " + why);
    counters.increment("register_failed");
    state = State.FAILED;
    challenges = 0;
    schedule(RETRY_MILLIS);
  }

  private void schedule(long millis) {
    cancelTimer();
    timer = context.owner().setTimer(millis, t -> {
      timer = -1;
      if (state != State.STOPPED) {
        state = state == State.REGISTERED ? State.REGISTERED : State.REGISTERING;
        send(null);
      }
    });
  }

  private void cancelTimer() {
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
      timer = -1;
    }
  }

  /** The expiry the registrar granted our contact: its expires parameter, else the Expires header. */
  private long granted(Response response) {
    ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
    String ours = "@" + ua.announcedAddress + ":" + ua.port;
    while (contacts != null && contacts.hasNext()) {
      ContactHeader contact = (ContactHeader) contacts.next();
      if (contact.getAddress().getURI().toString().contains(ours) && contact.getExpires() >= 0) {
        return contact.getExpires();
      }
    }
    ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
    return expires != null ? expires.getExpires() : config.expires().toSeconds();
  }

  private void send(Response challenge) {
    try {
      Request register = build(challenge);
      ClientTransaction tx = ua.provider.getNewClientTransaction(register);
      tx.setApplicationData(this);
      tx.sendRequest();
      counters.increment("register_sent");
    } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
      LOG.log(Level.WARNING, "trunk " + trunk + ": cannot send REGISTER", e);
      fail("cannot send REGISTER: " + e.getMessage());
    }
  }

  private Request build(Response challenge) throws ParseException, SipException, InvalidArgumentException {
    String[] hostPort = config.registrar().split(":");
    SipURI requestUri = ua.addresses.createSipURI(null, hostPort[0]);
    if (hostPort.length > 1) {
      requestUri.setPort(Integer.parseInt(hostPort[1]));
    }
    Address aor = ua.addresses.createAddress(ua.addresses.createSipURI(config.username(), config.domain()));
    FromHeader from = ua.headers.createFromHeader(aor, fromTag);
    ToHeader to = ua.headers.createToHeader(aor, null);
    CallIdHeader callIdHeader = ua.headers.createCallIdHeader(callId);
    CSeqHeader cseqHeader = ua.headers.createCSeqHeader(cseq++, Request.REGISTER);
    ViaHeader via = ua.headers.createViaHeader(ua.announcedAddress, ua.port, "udp", null);
    MaxForwardsHeader maxForwards = ua.headers.createMaxForwardsHeader(70);
    Request register = ua.messages.createRequest(requestUri, Request.REGISTER, callIdHeader, cseqHeader, from, to,
        List.of(via), maxForwards);
    SipURI contactUri = ua.addresses.createSipURI(config.username(), ua.announcedAddress);
    contactUri.setPort(ua.port);
    contactUri.setTransportParam("udp");
    register.addHeader(ua.headers.createContactHeader(ua.addresses.createAddress(contactUri)));
    register.addHeader(ua.headers.createExpiresHeader((int) config.expires().toSeconds()));
    if (challenge != null) {
      register.addHeader(DigestAnswer.to(challenge, ua, Request.REGISTER, requestUri.toString(), config.username(),
          config.password()));
    }
    return register;
  }
}
