package io.switchboard.server.calls;

import java.util.List;
import java.util.Objects;

/**
 * A queue of the first routing path: the dialled numbers it answers and its name.
 *
 * @param id   stable id (in history records)
 * @param name what agents see
 * @param dids dialled numbers routed here, as the trunk delivers them or in E.164
 */
public record QueueConfig(String id, String name, List<String> dids) {
  public QueueConfig {
    Objects.requireNonNull(id, "queue id");
    Objects.requireNonNull(name, "queue name");
    dids = List.copyOf(dids);
  }
}
