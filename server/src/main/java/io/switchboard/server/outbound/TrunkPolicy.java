package io.switchboard.server.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outbound rules of one trunk (the {@code outbound} object of its stored document, docs/security.md).
 *
 * @param trunk          the trunk's name
 * @param dialPlan       which numbers it may dial
 * @param callerId       the number we present (the hotline's), E.164
 * @param maxConcurrent  outbound calls up at once on this trunk
 * @param maxPerDay      outbound calls started per UTC day on this trunk
 * @param allowedRoles   roles whose members may dial out (e.g. supervisor); empty: none by role
 * @param allowedAgents  agent account ids or usernames who may dial out, whatever their roles
 * @param callbacks      whether the server's callback job may dial on this trunk
 * @param ringTimeout    how long an outbound call may ring before we cancel it
 */
public record TrunkPolicy(String trunk, DialPlan dialPlan, String callerId, int maxConcurrent, int maxPerDay,
    List<String> allowedRoles, List<String> allowedAgents, boolean callbacks, Duration ringTimeout) {

  public TrunkPolicy {
    Objects.requireNonNull(trunk, "trunk");
    Objects.requireNonNull(dialPlan, "trunk " + trunk + ": outbound dial plan");
    Objects.requireNonNull(callerId, "trunk " + trunk + ": outbound callerId");
    Objects.requireNonNull(ringTimeout, "trunk " + trunk + ": outbound ringTimeout");
    allowedRoles = List.copyOf(Objects.requireNonNull(allowedRoles, "allowedRoles"));
    allowedAgents = List.copyOf(Objects.requireNonNull(allowedAgents, "allowedAgents"));
    if (!callerId.matches("\\+[0-9]{4,15}")) {
      throw new IllegalArgumentException("trunk " + trunk + ": outbound callerId must be E.164, got " + callerId);
    }
    if (maxConcurrent < 0 || maxPerDay < 0) {
      throw new IllegalArgumentException("trunk " + trunk + ": outbound caps must not be negative");
    }
    if (ringTimeout.isNegative() || ringTimeout.isZero()) {
      throw new IllegalArgumentException("trunk " + trunk + ": outbound ringTimeout must be positive");
    }
  }

  /** Whether this party may dial on this trunk at all (before the number and the caps are looked at). */
  boolean permits(DialingParty party) {
    if (party.kind().equals(DialingParty.CALLBACK)) {
      return callbacks;
    }
    return allowedAgents.contains(party.id()) || allowedAgents.contains(party.name())
        || party.roles().stream().anyMatch(allowedRoles::contains);
  }
}
