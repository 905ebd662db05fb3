package io.switchboard.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A Vert.x joined to the other nodes (docs/scale.md): Hazelcast as the cluster manager, which Vert.x maintains
 * ({@code io.vertx:vertx-hazelcast}), with its own default maps for the event bus's subscriptions; members found by
 * the fixed TCP/IP list from {@code cluster.members}, never by multicast (not routed on most private networks, and
 * it would let any process on the segment join); the event bus on the node's private address.
 */
public final class ClusteredVertx {

  /** Hazelcast's cluster name: members of another cluster on the same hosts are refused. */
  static final String CLUSTER_NAME = "switchboard";

  private ClusteredVertx() {
  }

  /**
   * Starts a clustered Vert.x. {@code builder} makes the builder from the options (the server adds its metrics), so
   * the caller's options and the cluster's event bus settings are one set.
   */
  public static Future<Vertx> start(ClusterConfig config, VertxOptions options,
      BiFunction<VertxOptions, HazelcastClusterManager, VertxBuilder> builder) {
    options.setEventBusOptions(new EventBusOptions().setHost(config.host()).setClusterPublicHost(config.host())
        .setPort(0));
    return builder.apply(options, new HazelcastClusterManager(hazelcast(config))).buildClustered();
  }

  /** Without metrics: tests, tools. */
  public static Future<Vertx> start(ClusterConfig config) {
    return start(config, new VertxOptions(), (options, manager) -> Vertx.builder().with(options)
        .withClusterManager(manager));
  }

  static Config hazelcast(ClusterConfig config) {
    Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(CLUSTER_NAME);
    hazelcast.setInstanceName("switchboard-" + config.nodeId());
    // JUL like the rest of the server; no phone-home; bind only the private address, not every interface.
    hazelcast.setProperty("hazelcast.logging.type", "jdk");
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.socket.bind.any", "false");
    hazelcast.setProperty("hazelcast.local.localAddress", config.host());
    // A member that stops answering (kill -9 closes its sockets at once; a cut cable does not) is dropped after 5 s.
    hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    hazelcast.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hazelcast.setProperty("hazelcast.shutdownhook.enabled", "false");
    hazelcast.setProperty("hazelcast.health.monitoring.level", "OFF");
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(config.port()).setPortAutoIncrement(false);
    network.setPublicAddress(config.host() + ":" + config.port());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    List<String> members = new ArrayList<>(config.members());
    members.add(config.host() + ":" + config.port());
    join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(2);
    return hazelcast;
  }
}
