/**
 * The routing configuration as versioned documents in MongoDB, validated as a whole before any change is stored
 * and applied live: {@link io.switchboard.server.routingconfig.RoutingConfigStore}. See docs/routing.md,
 * "Configuration", and docs/api.md for the REST endpoints.
 */
package io.switchboard.server.routingconfig;
