package io.switchboard.routing.acd.strategy;

import java.time.Duration;

/**
 * What a strategy may know about one eligible agent: a read-only snapshot taken at dispatch time.
 *
 * @param memberIndex the agent's place in the queue's member list (0 = top); linear and round-robin order by it
 * @param weight the agent's membership weight in this queue (weighted random draws proportionally to it)
 * @param idle time since the agent last became Ready (longest-idle)
 * @param callsTaken calls this agent answered since it was added to the engine (fewest-calls)
 * @param talkTime total talk time of those calls (least-talk-time)
 */
public record Candidate(String agentId, int memberIndex, int weight, Duration idle, int callsTaken,
    Duration talkTime) {
}
