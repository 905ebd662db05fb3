package io.switchboard.bench;

import java.util.List;

/** One agent's media as the tap saw it: RTP packets each way and the streams the server sent, by SSRC. */
record AgentMediaStats(long rtpFromServer, long rtpToServer, List<RtpStreamStats> streams) {

  long expected() {
    return streams.stream().mapToLong(RtpStreamStats::expected).sum();
  }

  long lost() {
    return streams.stream().mapToLong(RtpStreamStats::lost).sum();
  }

  /** The worst stream's jitter: the one a listener would notice. */
  double jitterMillis() {
    return streams.stream().mapToDouble(RtpStreamStats::jitterMillis).max().orElse(0);
  }
}
