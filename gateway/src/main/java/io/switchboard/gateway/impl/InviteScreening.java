package io.switchboard.gateway.impl;

import gov.nist.javax.sip.message.SIPMessage;
import io.switchboard.gateway.DigestCredentials;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.function.Supplier;
import java.util.ListIterator;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderAddress;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The checks every new INVITE passes before anything is allocated for it, in this order: the source address is a
 * trunk's (else 403), the message is well formed (else 400), digest credentials if the trunk wants them (401
 * challenge, 403 if wrong), the dialled number is one of the trunk's (else 404), the offer is G.711 RTP/AVP (else
 * 415/400/488). Reads only immutable trunk config and the thread-safe nonce store, so it runs on the stack thread
 * and rejects without touching the Vert.x context.
 */
final class InviteScreening {

  private static final Logger LOG = Logger.getLogger(InviteScreening.class.getName());

  /** An INVITE that passed: who, from which trunk, and the offer. */
  record Passed(Trunk trunk, String from, String to, SdpOffer offer) {
  }

  /** The trunks in force: read per INVITE, since the configuration may change while we run. */
  private final Supplier<List<Trunk>> trunks;
  private final DigestChallenges challenges;
  private final UserAgentCore ua;
  private final GatewayCounters counters;
  private final UasChecks uasChecks;
  private final DigestGuessers guessers;

  /** Who failed digest authentication how often: by source address and by trunk (the account attacked). */
  record DigestGuessers(Lockouts<InetAddress> bySource, Lockouts<String> byAccount) {
  }

  InviteScreening(Supplier<List<Trunk>> trunks, DigestChallenges challenges, UserAgentCore ua, GatewayCounters counters,
      UasChecks uasChecks, DigestGuessers guessers) {
    this.uasChecks = uasChecks;
    this.guessers = guessers;
    this.trunks = trunks;
    this.challenges = challenges;
    this.ua = ua;
    this.counters = counters;
  }

  /** Returns the passed INVITE, or null after sending the rejection. */
  Passed screen(Request invite, ServerTransaction tx) {
    InetAddress source = ((SIPMessage) invite).getRemoteAddress();
    String dialled = userPart(invite.getRequestURI());
    Trunk trunk = trunkFor(source, dialled);
    if (trunk == null) {
      // Unknown sources learn nothing more than this: no challenge, no DID check, no dialog, no RTP port.
      return reject(tx, invite, Response.FORBIDDEN, "rejected_source");
    }
    if (malformed(invite)) {
      return reject(tx, invite, Response.BAD_REQUEST, "rejected_malformed");
    }
    if (uasChecks.refused(tx, invite)) {
      return null;
    }
    if (trunk.config().inboundDigest().isPresent()) {
      DigestCredentials credentials = trunk.config().inboundDigest().get();
      long now = System.nanoTime();
      // A locked-out guesser gets 403 and no challenge: no nonce to try the next password with.
      if (guessers.bySource.locked(source, now)) {
        return reject(tx, invite, Response.FORBIDDEN, "rejected_lockout_source");
      }
      if (guessers.byAccount.locked(trunk.name(), now)) {
        return reject(tx, invite, Response.FORBIDDEN, "rejected_lockout_account");
      }
      switch (challenges.verify(invite, credentials)) {
        case OK -> {
          counters.increment("digest_ok");
          guessers.bySource.succeeded(source);
          guessers.byAccount.succeeded(trunk.name());
        }
        case MISSING -> {
          return challenge(tx, invite, credentials, false);
        }
        case STALE -> {
          return challenge(tx, invite, credentials, true);
        }
        case WRONG -> {
          if (guessers.bySource.failed(source, now)) {
            counters.increment("lockouts_source");
          }
          if (guessers.byAccount.failed(trunk.name(), now)) {
            counters.increment("lockouts_account");
          }
          return reject(tx, invite, Response.FORBIDDEN, "rejected_digest");
        }
      }
    }
    if (!(invite.getRequestURI() instanceof SipURI)) {
      return reject(tx, invite, Response.UNSUPPORTED_URI_SCHEME, "rejected_uri_scheme");
    }
    if (dialled == null || !trunk.dids().contains(dialled)) {
      return reject(tx, invite, Response.NOT_FOUND, "rejected_did");
    }
    if (!UasChecks.acceptsSdp(invite)) {
      return reject(tx, invite, Response.NOT_ACCEPTABLE, "rejected_accept");
    }
    ContentTypeHeader type = (ContentTypeHeader) invite.getHeader(ContentTypeHeader.NAME);
    byte[] body = invite.getRawContent();
    if (body == null || body.length == 0) {
      // An INVITE without offer would need the offer in our 200 and the answer in the ACK; trunks send offers.
      return reject(tx, invite, Response.NOT_ACCEPTABLE_HERE, "rejected_sdp");
    }
    if (type == null || !"application".equalsIgnoreCase(type.getContentType())
        || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
      return unsupportedMediaType(tx, invite);
    }
    SdpOffer offer;
    try {
      offer = SdpOffer.parse(new String(body, StandardCharsets.UTF_8));
    } catch (SdpOffer.MalformedSdpException e) {
      LOG.fine(() -> "malformed SDP: " + e.getMessage());
      return reject(tx, invite, Response.BAD_REQUEST, "rejected_malformed_sdp");
    } catch (SdpOffer.NotAcceptableException e) {
      return reject(tx, invite, Response.NOT_ACCEPTABLE_HERE, "rejected_sdp");
    }
    return new Passed(trunk, caller(invite), dialled, offer);
  }

  /** True when some trunk allows the request's source address. */
  boolean fromKnownSource(Request request) {
    return trunkFor(((SIPMessage) request).getRemoteAddress(), null) != null;
  }

  /**
   * The trunk for a source: among the trunks that allow it, the one carrying the dialled number, else the first (so
   * a wrong number from a known source gets 404 after authentication, never a hint before).
   */
  private Trunk trunkFor(InetAddress source, String dialled) {
    if (source == null) {
      return null;
    }
    Trunk first = null;
    for (Trunk trunk : trunks.get()) {
      if (trunk.allows(source)) {
        if (dialled != null && trunk.dids().contains(dialled)) {
          return trunk;
        }
        if (first == null) {
          first = trunk;
        }
      }
    }
    return first;
  }

  /**
   * Headers the stack could not parse are kept aside as "unrecognized" rather than failing the message; an INVITE
   * with any of them, or without a usable Contact (RFC 3261 §8.1.1.8), is a bad request.
   */
  private static boolean malformed(Request invite) {
    ListIterator<String> unparsed = ((SIPMessage) invite).getUnrecognizedHeaders();
    if (unparsed != null && unparsed.hasNext()) {
      return true;
    }
    ContactHeader contact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
    return contact == null || contact.getAddress() == null || contact.getAddress().getURI() == null;
  }

  private Passed challenge(ServerTransaction tx, Request invite, DigestCredentials credentials, boolean stale) {
    try {
      Response response = ua.response(invite, Response.UNAUTHORIZED, UserAgentCore.newTag());
      WWWAuthenticateHeader auth = ua.headers.createWWWAuthenticateHeader("Digest");
      auth.setRealm(credentials.realm());
      auth.setNonce(challenges.newNonce());
      auth.setAlgorithm("MD5");
      auth.setQop("auth");
      if (stale) {
        auth.setParameter("stale", "true");
      }
      response.addHeader(auth);
      ua.send(tx, response);
      counters.increment("digest_challenged");
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build 401", e);
    }
    return null;
  }

  /** 415 names what we take (RFC 3261 §21.4.13): application/sdp. */
  private Passed unsupportedMediaType(ServerTransaction tx, Request invite) {
    counters.increment("rejected_content_type");
    try {
      Response response = ua.response(invite, Response.UNSUPPORTED_MEDIA_TYPE, UserAgentCore.newTag());
      response.addHeader(ua.headers.createAcceptHeader("application", "sdp"));
      ua.send(tx, response);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build 415", e);
    }
    return null;
  }

  private Passed reject(ServerTransaction tx, Request invite, int status, String counter) {
    counters.increment(counter);
    ua.respond(tx, invite, status, UserAgentCore.newTag());
    return null;
  }

  /** The caller: P-Asserted-Identity (RFC 3325) if the trunk sent one, else From. */
  private static String caller(Request invite) {
    Header pai = invite.getHeader("P-Asserted-Identity");
    if (pai instanceof HeaderAddress address && address.getAddress() != null) {
      String user = userPart(address.getAddress().getURI());
      if (user != null) {
        return user;
      }
    }
    FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
    String user = from == null ? null : userPart(from.getAddress().getURI());
    return user == null ? "" : user;
  }

  static String userPart(URI uri) {
    if (uri instanceof SipURI sip) {
      return sip.getUser();
    }
    if (uri instanceof TelURL tel) {
      return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
    }
    return null;
  }
}
