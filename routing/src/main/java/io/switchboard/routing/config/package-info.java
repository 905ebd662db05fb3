/**
 * Routing configuration as documents (queues, agents, groups, flows, entry points, settings): built and
 * cross-validated in one piece by {@link io.switchboard.routing.config.ConfigurationFactory}. Pure logic like the
 * rest of routing; the server stores the documents (versions, rollback) and applies the result live.
 */
package io.switchboard.routing.config;
