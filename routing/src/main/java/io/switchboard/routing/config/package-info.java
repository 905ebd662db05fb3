/**
 * Routing configuration as documents: {@link io.switchboard.routing.config.ConfigurationFactory} turns the
 * JSON-like documents of every kind (queue, agent, group, flow, entry-points, settings) into one cross-validated,
 * immutable {@link io.switchboard.routing.config.RoutingConfiguration}, or a
 * {@link io.switchboard.routing.config.ConfigRejection} listing every problem with its place. Pure: no I/O. The
 * document format is in docs/routing.md, "Configuration".
 */
package io.switchboard.routing.config;
