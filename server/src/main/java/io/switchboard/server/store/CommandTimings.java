package io.switchboard.server.store;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import java.util.concurrent.TimeUnit;

/** The driver's command events, as {@link StoreLatency} wants them. */
final class CommandTimings implements CommandListener {

  private final StoreLatency latency;

  CommandTimings(StoreLatency latency) {
    this.latency = latency;
  }

  @Override
  public void commandSucceeded(CommandSucceededEvent event) {
    report(event.getCommandName(), true, event.getElapsedTime(TimeUnit.NANOSECONDS));
  }

  @Override
  public void commandFailed(CommandFailedEvent event) {
    report(event.getCommandName(), false, event.getElapsedTime(TimeUnit.NANOSECONDS));
  }

  private void report(String command, boolean succeeded, long nanos) {
    try {
      latency.command(command, succeeded, nanos);
    } catch (RuntimeException e) {
      // Metrics must never fail a database command.
    }
  }
}
