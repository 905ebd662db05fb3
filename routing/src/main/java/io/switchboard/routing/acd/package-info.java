/**
 * The ACD: agents and their states, queues and their rules, and {@link io.switchboard.routing.acd.RoutingEngine},
 * the one transactional state machine that turns events (agent, call and timer events) into
 * {@link io.switchboard.routing.acd.Decision}s. Pure logic: no I/O, no threads, time from an InstantSource, randomness
 * from a seeded generator. See docs/routing.md.
 */
package io.switchboard.routing.acd;
