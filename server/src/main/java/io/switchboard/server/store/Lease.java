package io.switchboard.server.store;

/**
 * A lease as its holder saw it when it took or renewed it (docs/scale.md, "The ACD leader and fail-over").
 *
 * @param name        what is leased ({@code acd}, {@code node:<id>})
 * @param owner       the node holding it
 * @param epoch       the fencing token: grows by one every time the lease changes hands (or is taken again after it
 *                    lapsed), so a holder that lost it cannot pass off its older epoch as current
 * @param untilMillis when it lapses unless renewed, in epoch milliseconds of the renewing node's clock
 */
public record Lease(String name, String owner, long epoch, long untilMillis) {
}
