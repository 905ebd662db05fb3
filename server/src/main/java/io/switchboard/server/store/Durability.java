package io.switchboard.server.store;

import io.vertx.core.Future;

/**
 * Makes acknowledged writes survive a crash of this process: on the embedded MongoDB, commits its file (its own
 * commit runs only about once a second); with a real MongoDB the driver's acknowledgement is the guarantee.
 */
@FunctionalInterface
interface Durability {

  Durability NONE = () -> Future.succeededFuture();

  Future<Void> commit();
}
