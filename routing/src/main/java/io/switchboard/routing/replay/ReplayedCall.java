package io.switchboard.routing.replay;

import java.time.Duration;

/**
 * What the replay decided for one call.
 *
 * @param id the call id
 * @param queueId the queue it entered first, or null (its flow ended elsewhere)
 * @param agentId the agent it was connected to, or null
 * @param outcome {@code answered}, {@code abandoned}, {@code voicemail}, {@code callback}, {@code refused}, or
 *     {@code not_queued} (the flow ended before a queue), {@code unfinished} (still up when the day ran out)
 * @param waited queue entry to connect or to leaving the ACD (zero when not queued)
 */
public record ReplayedCall(String id, String queueId, String agentId, String outcome, Duration waited) {
}
