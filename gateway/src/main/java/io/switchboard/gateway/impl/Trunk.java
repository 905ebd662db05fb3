package io.switchboard.gateway.impl;

import io.switchboard.gateway.TrunkConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** A configured trunk with its allow-list parsed once. Immutable, so the stack threads may read it. */
record Trunk(TrunkConfig config, List<AddressBlock> sources, Set<String> dids) {

  static Trunk of(TrunkConfig config) {
    return new Trunk(config, config.allowedSources().stream().map(AddressBlock::parse).toList(),
        Set.copyOf(config.dids()));
  }

  String name() {
    return config.name();
  }

  boolean allows(InetAddress source) {
    for (AddressBlock block : sources) {
      if (block.contains(source)) {
        return true;
      }
    }
    return false;
  }
}
