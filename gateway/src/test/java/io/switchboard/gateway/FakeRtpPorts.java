package io.switchboard.gateway;

import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A pool of {@link FakeRtpLeg}s: binds nothing, remembers every leg it handed out. */
public final class FakeRtpPorts implements RtpPorts {

  private final AtomicInteger nextPort = new AtomicInteger(20000);
  private final List<FakeRtpLeg> allocated = new CopyOnWriteArrayList<>();
  private volatile boolean failAllocations;

  @Override
  public Future<RtpLeg> allocate() {
    if (failAllocations) {
      return Future.failedFuture("RTP port range full");
    }
    FakeRtpLeg leg = new FakeRtpLeg("rtp-" + allocated.size(), "127.0.0.1", nextPort.getAndAdd(2));
    allocated.add(leg);
    return Future.succeededFuture(leg);
  }

  public List<FakeRtpLeg> allocated() {
    return allocated;
  }

  public void failAllocations(boolean fail) {
    failAllocations = fail;
  }

  @Override
  public int openLegs() {
    return (int) allocated.stream().filter(l -> !l.closed().isDone()).count();
  }

  @Override
  public Future<Void> close() {
    allocated.forEach(FakeRtpLeg::close);
    return Future.succeededFuture();
  }
}
