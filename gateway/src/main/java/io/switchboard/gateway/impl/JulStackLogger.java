package io.switchboard.gateway.impl;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes JAIN-SIP's own logging to java.util.logging (logger {@code gov.nist.javax.sip}) instead of log4j, which is
 * not on the classpath. The stack asks {@link #isLoggingEnabled(int)} before building most messages, so with the
 * logger at WARNING (our default) it builds nothing below that.
 */
public final class JulStackLogger implements StackLogger {

  static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");

  static {
    if (LOG.getLevel() == null) {
      LOG.setLevel(Level.WARNING);
    }
  }

  /** Called by the stack through reflection (property {@code gov.nist.javax.sip.STACK_LOGGER}). */
  public JulStackLogger() {
  }

  static Level toJul(int traceLevel) {
    if (traceLevel <= TRACE_FATAL) {
      return Level.SEVERE;
    }
    if (traceLevel <= TRACE_ERROR) {
      return Level.SEVERE;
    }
    if (traceLevel <= TRACE_WARN) {
      return Level.WARNING;
    }
    if (traceLevel <= TRACE_INFO) {
      return Level.INFO;
    }
    if (traceLevel <= TRACE_DEBUG) {
      return Level.FINE;
    }
    return Level.FINEST;
  }

  @Override
  public void logStackTrace() {
    logStackTrace(TRACE_DEBUG);
  }

  @Override
  public void logStackTrace(int traceLevel) {
    Level level = toJul(traceLevel);
    if (LOG.isLoggable(level)) {
      LOG.log(level, "stack trace", new Throwable("stack trace"));
    }
  }

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    LOG.log(Level.WARNING, "JAIN-SIP exception", ex);
  }

  @Override
  public void logDebug(String message) {
    LOG.fine(message);
  }

  @Override
  public void logDebug(String message, Exception ex) {
    LOG.log(Level.FINE, message, ex);
  }

  @Override
  public void logTrace(String message) {
    LOG.finest(message);
  }

  @Override
  public void logFatalError(String message) {
    LOG.severe(message);
  }

  @Override
  public void logError(String message) {
    LOG.severe(message);
  }

  @Override
  public boolean isLoggingEnabled() {
    return LOG.isLoggable(Level.WARNING);
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    return LOG.isLoggable(toJul(logLevel));
  }

  @Override
  public void logError(String message, Exception ex) {
    LOG.log(Level.SEVERE, message, ex);
  }

  @Override
  public void logWarning(String message) {
    // The stack warns at every start that TLS is unconfigured; we use no TLS listening point, so that is noise.
    LOG.log(isTlsDefaultsNotice(message) ? Level.FINE : Level.WARNING, message);
  }

  private static boolean isTlsDefaultsNotice(String message) {
    return message != null && (message.startsWith("TLS ") || message.startsWith("Using default keystore")
        || message.startsWith("Using default truststore") || message.startsWith("using default tls"));
  }

  @Override
  public void logInfo(String message) {
    LOG.info(message);
  }

  @Override
  public void disableLogging() {
  }

  @Override
  public void enableLogging() {
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {
  }

  @Override
  public void setStackProperties(Properties stackProperties) {
  }

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
