package io.switchboard.gateway.impl;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipStack;

/**
 * JAIN-SIP's message trace, to JUL logger {@code gov.nist.javax.sip.messages} at FINEST. Replaces the default
 * {@code ServerLog}, which writes files.
 */
public final class JulServerLogger implements ServerLogger {

  private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip.messages");

  /** Called by the stack through reflection (property {@code gov.nist.javax.sip.SERVER_LOGGER}). */
  public JulServerLogger() {
  }

  @Override
  public void closeLogFile() {
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    log(message, from, to, sender);
  }

  private static void log(SIPMessage message, String from, String to, boolean sender) {
    if (LOG.isLoggable(Level.FINEST)) {
      LOG.finest((sender ? "sent " : "received ") + from + " -> " + to + "\n" + message.encode());
    }
  }

  @Override
  public void logException(Exception ex) {
    LOG.log(Level.FINE, "JAIN-SIP message exception", ex);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {
  }

  @Override
  public void setSipStack(SipStack sipStack) {
  }
}
