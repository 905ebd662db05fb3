package io.switchboard.server.http.archfixture;

import io.vertx.ext.mongo.MongoClient;

/** Breaks the store rule on purpose; only ArchitectureRulesBiteTest imports it. */
public final class HttpThatUsesMongo {
  MongoClient client;
}
