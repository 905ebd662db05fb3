package io.switchboard.routing.acd.strategy;

import java.util.random.RandomGenerator;

/**
 * What a strategy may use besides the candidates: the engine's seeded random source (so random strategies replay
 * exactly) and the queue's round-robin memory.
 *
 * @param lastOfferedMemberIndex member index of the agent this queue offered a call to last, or -1
 * @param memberCount how many members the queue has (round-robin wraps around it)
 */
public record RankingContext(RandomGenerator random, int lastOfferedMemberIndex, int memberCount) {
}
