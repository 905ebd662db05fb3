package io.switchboard.bench;

import io.switchboard.media.testpeer.RtpReception;
import java.util.List;
import java.util.Map;

/**
 * What one step measured, raw; {@link LoadReport} turns it into figures.
 *
 * @param idleHeap         heap after a full GC with the agents logged in and no call, and that GC's ms
 * @param loadedHeap       the same once every call is connected, or null (no probe, or not every call answered)
 * @param idleRssBytes     resident memory at the idle probe; {@code loadedRssBytes} at the loaded one
 * @param placedAtNanos    when SIPp was started; {@code firstAnswerNanos} / {@code lastAnswerNanos} the first and
 *                         last answer the agents got an ack for (0: none)
 * @param toCaller         what each carrier call received (agent → caller)
 * @param gcPauses         {count, total ms, longest ms} of the collections in the step ({@link GcPauses})
 */
record StepRecord(int calls, ResourceSnapshot before, ResourceSnapshot after, long[] idleHeap, long[] loadedHeap,
    long idleRssBytes, long loadedRssBytes, long placedAtNanos, long firstAnswerNanos, long lastAnswerNanos,
    int sippExit, SippCounts sipp, String sippReport, List<BenchAgent> agents, List<RtpReception.Summary> toCaller,
    long carrierSent, Map<String, Long> udpDropsByOwner, SteadyWindow steady, long[] gcPauses) {
}
