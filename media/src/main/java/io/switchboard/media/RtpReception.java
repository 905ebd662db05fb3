package io.switchboard.media;

/**
 * What the trunk legs received, by RFC 3550's receiver statistics (§6.4.1, appendix A.1 and A.8): packets expected
 * from the sequence numbers and packets lost, in total since start, and for the legs open now their loss and
 * interarrival jitter.
 *
 * @param expectedTotal   packets expected by every leg since start (highest extended sequence number - first + 1)
 * @param lostTotal       of those, never received (duplicates can make a leg's count negative: clamped at 0)
 * @param openLegs        legs open now that have received at least one packet
 * @param openExpected    packets expected by the open legs
 * @param openLost        packets lost on the open legs
 * @param maxJitterMillis the highest interarrival jitter among the open legs, in milliseconds
 * @param meanJitterMillis the mean interarrival jitter of the open legs, in milliseconds
 */
public record RtpReception(long expectedTotal, long lostTotal, int openLegs, long openExpected, long openLost,
    double maxJitterMillis, double meanJitterMillis) {

  public static final RtpReception NONE = new RtpReception(0, 0, 0, 0, 0, 0, 0);

  /** The fraction of packets lost on the legs open now (0 when nothing was expected). */
  public double openLossRatio() {
    return openExpected == 0 ? 0 : (double) openLost / openExpected;
  }
}
