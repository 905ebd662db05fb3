package io.switchboard.server.cluster;

import io.switchboard.server.calls.DeadNodeCalls;
import io.switchboard.server.store.Lease;
import io.switchboard.server.store.Store;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * This process as one node of a cluster (docs/scale.md). Holds its liveness lease ({@code node:<id>}) and contends
 * for the hotline's ACD lease ({@code acd}); while it leads, it keeps the leader's state document (fenced by its
 * epoch), notices nodes whose liveness lapsed and closes the calls they left in progress. What it does is told on
 * the clustered event bus, so every node (and a test) hears it:
 * <ul>
 *   <li>{@value #LEADER}: a node took the lead: {@code {node, epoch, previous, previousRenewedAt, takenAt}}</li>
 *   <li>{@value #INTERRUPTED}: calls of dead nodes closed: {@code {by, nodes, calls}}</li>
 *   <li>{@value #STATUS}{@code <node>}: request/response, the node's view: {@code {node, leader, epoch}}</li>
 * </ul>
 */
public final class ClusterNode {
  public static final String LEADER = "switchboard.cluster.leader";
  public static final String INTERRUPTED = "switchboard.cluster.interrupted";
  public static final String STATUS = "switchboard.cluster.status.";
  /** The one ACD lease: the configuration holds one hotline (its queues); one lease per hotline when it holds more. */
  static final String ACD = "acd";
  static final String NODE_PREFIX = "node:";
  private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());

  private final Vertx vertx;
  private final ClusterConfig config;
  private final Store store;
  private final Path recordingsFolder;
  private final LeaseKeeper liveness;
  private final LeaseKeeper leadership;
  /** Nodes seen alive while leading: one that goes missing is swept once. */
  private final Set<String> seenAlive = new HashSet<>();
  private MessageConsumer<JsonObject> status;
  private String deployment;
  private boolean sweepAll;
  /** When this node last took the lead: in the leader's state, so the take-over time can be read from the store. */
  private long takenAt;
  private boolean sweeping;
  /** When the database last renewed this node's liveness lease (epoch ms): its last sign of reaching it. */
  private volatile long lastDatabaseContact = System.currentTimeMillis();

  public ClusterNode(Vertx vertx, ClusterConfig config, Store store, Path recordingsFolder) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.recordingsFolder = recordingsFolder;
    this.liveness = new LeaseKeeper(vertx, store.leases(), NODE_PREFIX + config.nodeId(), config.nodeId(),
        config.lease(), config.renewEvery(), lease -> reachedDatabase(), lease -> reachedDatabase(), () -> { });
    this.leadership = new LeaseKeeper(vertx, store.leases(), ACD, config.nodeId(), config.lease(),
        config.renewEvery(), this::tookOver, this::lead, this::stepDown);
  }

  /**
   * Liveness first (so a leader never mistakes this node for dead), then the contest for the lead. On a worker
   * context of its own: a renewal must never wait behind an event loop that call control or media keep busy, or
   * a live node would let its lease lapse and be taken for dead.
   */
  public Future<ClusterNode> start() {
    return vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        status = vertx.eventBus().consumer(STATUS + config.nodeId(), message -> {
          Lease lease = leadership.held();
          message.reply(new JsonObject().put("node", config.nodeId()).put("leader", lease != null)
              .put("epoch", lease == null ? null : lease.epoch()));
        });
        return status.completion().compose(v -> liveness.start()).compose(v -> leadership.start());
      }
    }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).map(id -> {
      deployment = id;
      return this;
    });
  }

  /** This node's name. */
  public String nodeId() {
    return config.nodeId();
  }

  /** When the database last renewed this node's liveness lease (epoch ms; the start time before the first). */
  public long lastDatabaseContact() {
    return lastDatabaseContact;
  }

  private void reachedDatabase() {
    lastDatabaseContact = System.currentTimeMillis();
  }

  /** The epoch of the ACD lease while this node holds it, else null: stamps the leader's placements. */
  public Long leaderEpoch() {
    Lease lease = leadership.held();
    return lease == null ? null : lease.epoch();
  }

  /** Whether this node holds the ACD lease now. */
  public boolean leads() {
    return leadership.held() != null;
  }

  private void tookOver(Lease lease) {
    takenAt = System.currentTimeMillis();
    seenAlive.clear();
    sweepAll = true; // what the previous leader saw is gone with it: look at every node's records once
    store.leases().fencedState(ACD).compose(previous -> {
      JsonObject before = previous.map(p -> p.getJsonObject("state")).orElse(new JsonObject());
      JsonObject event = new JsonObject().put("node", config.nodeId()).put("epoch", lease.epoch())
          .put("previous", before.getString("leader")).put("previousRenewedAt", before.getLong("renewedAt"))
          .put("takenAt", takenAt);
      LOG.info(() -> config.nodeId() + " leads the ACD (epoch " + lease.epoch() + ")"
          + (before.getString("leader") == null ? "" : ", after " + before.getString("leader") + ", last renewed "
              + (takenAt - before.getLong("renewedAt", takenAt)) + " ms before"));
      vertx.eventBus().publish(LEADER, event);
      return Future.succeededFuture();
    }).onComplete(v -> lead(lease));
  }

  /** Each renewal while leading: the fenced leader document, then the dead nodes' calls. */
  private void lead(Lease lease) {
    if (sweeping) {
      return;
    }
    sweeping = true;
    store.leases().live(NODE_PREFIX).compose(live -> {
      Set<String> alive = live.stream().map(Lease::owner).collect(Collectors.toSet());
      JsonObject state = new JsonObject().put("leader", config.nodeId()).put("renewedAt", System.currentTimeMillis())
          .put("takenAt", takenAt)
          .put("nodes", new JsonArray(List.copyOf(alive)));
      return store.leases().saveFenced(ACD, lease.epoch(), state).compose(current -> {
        if (!current) {
          LOG.warning(() -> config.nodeId() + " was fenced off: a newer leader wrote the ACD state");
          return Future.succeededFuture();
        }
        Set<String> gone = new HashSet<>(seenAlive);
        gone.removeAll(alive);
        seenAlive.addAll(alive);
        if (gone.isEmpty() && !sweepAll) {
          return Future.succeededFuture();
        }
        return DeadNodeCalls.close(vertx, store, recordingsFolder, config.nodeId(), alive).map(closed -> {
          sweepAll = false;
          seenAlive.removeAll(gone);
          if (!closed.isEmpty()) {
            vertx.eventBus().publish(INTERRUPTED, new JsonObject().put("by", config.nodeId())
                .put("nodes", new JsonArray(List.copyOf(gone))).put("calls", new JsonArray(closed)));
          }
          return null;
        });
      });
    }).onFailure(e -> LOG.warning("ACD leader's round failed: " + e.getMessage()))
        .onComplete(v -> sweeping = false);
  }

  private void stepDown() {
    LOG.warning(() -> config.nodeId() + " no longer leads the ACD");
  }

  /** Gives both leases up (a graceful stop: the next leader need not wait for them to lapse). */
  public Future<Void> close() {
    Future<Void> unregistered = status == null ? Future.succeededFuture() : status.unregister();
    return unregistered.eventually(leadership::close).eventually(liveness::close)
        .eventually(() -> deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment));
  }
}
