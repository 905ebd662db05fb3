package io.switchboard.gateway.impl;

import io.switchboard.gateway.SipConfig;
import java.util.Properties;

/**
 * The JAIN-SIP RI settings. Its defaults are unsafe for a public-facing trunk port (unbounded messages and
 * transactions, no read timeout, log4j file logging), so every limit is set here explicitly.
 */
final class StackProperties {

  /** Stack threads only parse and hop to the Vert.x context, so a few are enough. */
  static final int THREAD_POOL_SIZE = 8;

  private StackProperties() {
  }

  static Properties of(SipConfig config, String stackName) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", stackName);
    // Deliberately off: a dialog is created only for INVITEs that passed the trunk checks
    // (SipProvider.getNewDialog), so rejected or unauthenticated callers leave no dialog state behind.
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    // We run our own 32 s ACK timer (RFC 3261 §13.3.1.4) and send the BYE ourselves; the stack must not as well.
    p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "false");
    // Answer every request back to the address and port it came from (RFC 3581 symmetric response routing, as if
    // each Via carried rport), not to the Via's sent-by: carriers sit behind NAT and SBCs, and a forged Via must
    // not turn us into a reflector toward a third party.
    p.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.maxMessageSize()));
    p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", Long.toString(config.readTimeout().toMillis()));
    p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", Integer.toString(config.maxServerTransactions()));
    p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "1000");
    p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "2000");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(THREAD_POOL_SIZE));
    // Our listener only hops to the Vert.x context, so concurrent calls into it are safe.
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    // Should TLS ever be enabled: modern protocols only and no renegotiation (CVE-2009-3555 class of attacks).
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
    p.setProperty("gov.nist.javax.sip.SSL_RENEGOTIATION_ENABLED", "false");
    // Sees every parsed request before the transaction layer: answers on the arrival transport, applies the flood
    // guard (EdgeValve, FloodGuard).
    p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", EdgeValve.class.getName());
    p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", OneLineParseErrors.class.getName());
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JulServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "WARNING");
    return p;
  }
}
