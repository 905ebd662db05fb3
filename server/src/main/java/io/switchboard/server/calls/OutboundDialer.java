package io.switchboard.server.calls;

import io.switchboard.gateway.DialRequest;
import io.switchboard.gateway.OutboundLeg;
import io.switchboard.gateway.SipLeg;
import io.switchboard.gateway.TrunkDialer;
import io.switchboard.server.outbound.DialingParty;
import io.switchboard.server.outbound.OutboundWall;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Set;

/**
 * The only object that holds the gateway's {@link TrunkDialer} (docs/security.md, "The outbound wall"). It places a
 * call only for a party the call center has authenticated — an {@link Agent} signed in on the desk, or a stored
 * callback request the server dials itself — and only once the {@link OutboundWall} admits the number. Its dialling
 * methods are package-private and take those call-control types, so no inbound leg, flow, web request or caller's
 * digits can reach them; {@code ArchitectureTest} checks that nothing else touches the trunk dialer.
 */
public final class OutboundDialer {

  private final TrunkDialer trunks;
  private final OutboundWall wall;
  /** Trunks whose callers are transferred out by REFER to the carrier (trunk flag {@code transfer: refer}). */
  private final Set<String> referTrunks;

  public OutboundDialer(TrunkDialer trunks, OutboundWall wall) {
    this(trunks, wall, Set.of());
  }

  public OutboundDialer(TrunkDialer trunks, OutboundWall wall, Set<String> referTrunks) {
    this.trunks = Objects.requireNonNull(trunks, "trunks");
    this.wall = Objects.requireNonNull(wall, "wall");
    this.referTrunks = Set.copyOf(referTrunks);
  }

  /** Whether a caller of this trunk is transferred to a number by REFER rather than bridged. */
  boolean refers(String trunk) {
    return referTrunks.contains(trunk);
  }

  /**
   * A transfer out by REFER (RFC 3515): the wall admits the number for the agent on the caller's own trunk (its
   * carrier will place the call), then the caller's leg sends REFER. Completes with the sipfrag's final status;
   * fails with the wall's refusal, or when the carrier refuses or the referred call fails.
   */
  Future<Integer> referForAgent(Agent agent, SipLeg caller, String number) {
    OutboundWall.Admitted admitted;
    try {
      admitted = wall.admit(new DialingParty(DialingParty.AGENT, agent.id(), agent.account.username(),
          agent.account.roles()), caller.trunk(), number);
    } catch (OutboundWall.Refused refused) {
      return Future.failedFuture(refused);
    }
    return caller.refer(admitted.e164()).onComplete(ar -> wall.released(admitted));
  }

  /** A call the wall admitted and the gateway sent. {@link #released} must follow when it ends. */
  record Placed(OutboundLeg leg, OutboundWall.Admitted admitted) {
  }

  /** An agent signed in on the desk dials a number (typed on the keypad, or looked up by the server). */
  Future<Placed> dialForAgent(Agent agent, String number) {
    return place(new DialingParty(DialingParty.AGENT, agent.id(), agent.account.username(),
        agent.account.roles()), number);
  }

  /** The server dials a stored callback request of a queue. */
  Future<Placed> dialForCallback(String callbackId, String queueId, String number) {
    return place(new DialingParty(DialingParty.CALLBACK, callbackId, queueId, null), number);
  }

  void released(Placed placed) {
    wall.released(placed.admitted());
  }

  private Future<Placed> place(DialingParty party, String number) {
    OutboundWall.Admitted admitted;
    try {
      admitted = wall.admit(party, null, number);
    } catch (OutboundWall.Refused refused) {
      return Future.failedFuture(refused);
    }
    DialRequest request = new DialRequest(admitted.policy().trunk(), admitted.e164(), admitted.policy().callerId(),
        admitted.policy().ringTimeout());
    return trunks.dial(request)
        .onFailure(e -> wall.released(admitted))
        .map(leg -> new Placed(leg, admitted));
  }
}
