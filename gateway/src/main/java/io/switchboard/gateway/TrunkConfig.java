package io.switchboard.gateway;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One carrier or PBX that may send us calls.
 *
 * @param name           unique name, shown on legs and in debug state
 * @param allowedSources IP addresses or CIDR blocks INVITEs may come from (IPv4 or IPv6)
 * @param inboundDigest  when present, INVITEs must also pass digest authentication (RFC 3261 §22)
 * @param registration   when present, we register to the carrier's registrar
 * @param dids           dialled numbers this trunk carries, as in the Request-URI user part ("+4930555000", "100")
 * @param outbound       when present, calls may be placed on this trunk (through {@link TrunkDialer} only)
 */
public record TrunkConfig(String name, List<String> allowedSources, Optional<DigestCredentials> inboundDigest,
    Optional<Registration> registration, List<String> dids, Optional<OutboundConfig> outbound) {

  /** An inbound-only trunk. */
  public TrunkConfig(String name, List<String> allowedSources, Optional<DigestCredentials> inboundDigest,
      Optional<Registration> registration, List<String> dids) {
    this(name, allowedSources, inboundDigest, registration, dids, Optional.empty());
  }

  public TrunkConfig {
    Objects.requireNonNull(name, "trunk name");
    allowedSources = List.copyOf(Objects.requireNonNull(allowedSources, "trunk " + name + ": allowed-sources"));
    inboundDigest = Objects.requireNonNull(inboundDigest, "trunk " + name + ": inbound-digest");
    registration = Objects.requireNonNull(registration, "trunk " + name + ": registration");
    dids = List.copyOf(Objects.requireNonNull(dids, "trunk " + name + ": dids"));
    outbound = Objects.requireNonNull(outbound, "trunk " + name + ": outbound");
    if (name.isBlank()) {
      throw new IllegalArgumentException("trunk name must not be blank");
    }
    if (allowedSources.isEmpty()) {
      throw new IllegalArgumentException("trunk " + name + ": allowed-sources must not be empty");
    }
  }
}
