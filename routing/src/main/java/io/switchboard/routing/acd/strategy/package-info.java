/** Queue strategies: how a queue orders the agents that passed its filters. Stateless; one per file. */
package io.switchboard.routing.acd.strategy;
