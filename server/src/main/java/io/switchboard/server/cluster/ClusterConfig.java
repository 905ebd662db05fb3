package io.switchboard.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster.*} settings (docs/scale.md).
 *
 * @param enabled  whether this process is one node of a cluster; false leaves the single-node server unchanged
 * @param nodeId   this node's stable name, carried by its calls' records
 * @param host     the private-network address Hazelcast and the clustered event bus bind to
 * @param port     the Hazelcast member port (the other nodes list it, so it is fixed)
 * @param members  the other nodes' Hazelcast {@code host:port}: the TCP/IP member list (no multicast)
 * @param lease    how long a lease lasts unless renewed
 */
public record ClusterConfig(boolean enabled, String nodeId, String host, int port, List<String> members,
    Duration lease) {

  /** One node alone: the default. */
  public static final ClusterConfig OFF = new ClusterConfig(false, "", "127.0.0.1", 0, List.of(),
      Duration.ofSeconds(3));

  public ClusterConfig {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(host, "host");
    members = List.copyOf(members);
    if (enabled && !nodeId.matches("[A-Za-z0-9_.-]{1,63}")) {
      throw new IllegalArgumentException("cluster.node-id must be 1 to 63 letters, digits, '_', '.' or '-' when "
          + "cluster.enabled=true, got \"" + nodeId + "\"");
    }
    if (port < 0 || port > 65535 || enabled && port == 0) {
      throw new IllegalArgumentException("cluster.port must be 1..65535, got " + port);
    }
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      if (colon <= 0 || !member.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException("cluster.members: expected host:port, got \"" + member + "\"");
      }
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("cluster.lease-seconds must be at least 1");
    }
  }

  /** How often a held lease is renewed: three times per term, so one lost renewal does not lose it. */
  public Duration renewEvery() {
    return lease.dividedBy(3);
  }
}
