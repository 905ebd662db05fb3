package io.switchboard.server.calls;

import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The calls a dead cluster node left "in_progress" (docs/scale.md, "Failure cases"): the same ending as
 * {@link InterruptedCalls} gives a crashed single node's calls at its restart, but written by a surviving node as
 * soon as the dead one's liveness lease has lapsed, each record only if it is still in progress and still the dead
 * node's, so two survivors sweeping at once close it once.
 */
public final class DeadNodeCalls {
  private static final Logger LOG = Logger.getLogger(DeadNodeCalls.class.getName());

  private DeadNodeCalls() {
  }

  /**
   * Closes the in-progress records of every node that is neither {@code self} nor in {@code liveNodes}; records
   * without a node are a single node's and left to its restart. Completes with the ids closed by this call.
   *
   * @param recordingsFolder where a recording named in a record would be if the dead node's data folder is shared;
   *                         when the file is not there, the record ends at its last timeline event
   */
  public static Future<List<String>> close(Vertx vertx, Store store, Path recordingsFolder, String self,
      Set<String> liveNodes) {
    Instant sweptAt = Instant.now();
    return store.callsInProgress().compose(records -> {
      List<String> closed = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject record : records) {
        String node = record.getString("node");
        if (node == null || node.equals(self) || liveNodes.contains(node)) {
          continue;
        }
        chain = chain.compose(v -> vertx.executeBlocking(() -> InterruptedCalls.interrupted(record,
                recordingsFolder, sweptAt).put("interruptedBy", self), false))
            .compose(ended -> store.closeInterruptedCall(ended, node))
            .map(won -> {
              if (won) {
                closed.add(record.getString("_id"));
              }
              return null;
            });
      }
      return chain.map(v -> {
        if (!closed.isEmpty()) {
          LOG.warning(closed.size() + " call(s) of dead node(s) closed as interrupted: " + closed);
        }
        return closed;
      });
    });
  }
}
