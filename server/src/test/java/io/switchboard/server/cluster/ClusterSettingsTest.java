package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.config.Config;
import io.switchboard.server.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code cluster.*} settings: off by default, and a cluster that could not work is refused at start. */
class ClusterSettingsTest {

  private static final String URI = "--mongodb.uri=mongodb://db1,db2,db3/?replicaSet=rs0";

  @Test
  void byDefault_oneNodeAlone() {
    ClusterConfig cluster = Config.load(Map.of(), List.of()).cluster();
    assertThat(cluster.enabled()).isFalse();
  }

  @Test
  void aClusterNode_readsItsNameAddressMembersAndLease() {
    ClusterConfig cluster = Config.load(Map.of(), List.of(URI, "--cluster.enabled=true", "--cluster.node-id=node-a",
        "--cluster.host=10.0.0.11", "--cluster.members=10.0.0.12:5701, 10.0.0.13:5701")).cluster();
    assertThat(cluster.enabled()).isTrue();
    assertThat(cluster.nodeId()).isEqualTo("node-a");
    assertThat(cluster.host()).isEqualTo("10.0.0.11");
    assertThat(cluster.port()).isEqualTo(5701);
    assertThat(cluster.members()).containsExactly("10.0.0.12:5701", "10.0.0.13:5701");
    assertThat(cluster.lease()).isEqualTo(Duration.ofSeconds(3));
    assertThat(cluster.renewEvery()).isEqualTo(Duration.ofSeconds(1));
    var join = ClusteredVertx.hazelcast(cluster).getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().getMembers()).contains("10.0.0.12:5701", "10.0.0.13:5701");
  }

  @Test
  void aClusterWithoutASharedMongoDb_isRefused() {
    assertThatThrownBy(() -> Config.load(Map.of(), List.of("--cluster.enabled=true", "--cluster.node-id=a")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("mongodb.uri");
  }

  @Test
  void aClusterNodeWithoutAName_orWithABadMember_isRefused() {
    assertThatThrownBy(() -> Config.load(Map.of(), List.of(URI, "--cluster.enabled=true")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.node-id");
    assertThatThrownBy(() -> Config.load(Map.of(), List.of(URI, "--cluster.enabled=true", "--cluster.node-id=a",
        "--cluster.members=10.0.0.12"))).isInstanceOf(ConfigException.class).hasMessageContaining("host:port");
  }
}
