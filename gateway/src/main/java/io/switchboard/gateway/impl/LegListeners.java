package io.switchboard.gateway.impl;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Calls a leg's listener: a listener that throws is logged and never breaks the leg's state machine. */
final class LegListeners {

  private static final Logger LOG = Logger.getLogger(LegListeners.class.getName());

  private LegListeners() {
  }

  static <T> void fire(String legId, Consumer<T> listener, T value) {
    if (listener == null) {
      return;
    }
    try {
      listener.accept(value);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "listener of leg " + legId + " failed", e);
    }
  }
}
