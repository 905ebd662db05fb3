package io.switchboard.gateway.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One allowed source: an IP address or a CIDR block (RFC 4632), IPv4 or IPv6. Literals only, never DNS. */
final class AddressBlock {

  private final byte[] network;
  private final int prefixLength;
  private final String text;

  private AddressBlock(byte[] network, int prefixLength, String text) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.text = text;
  }

  /** Parses "10.0.0.1", "10.0.0.0/8" or "2001:db8::/32"; throws IllegalArgumentException with the bad value. */
  static AddressBlock parse(String spec) {
    String s = spec.trim();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    if (!isIpLiteral(host)) {
      throw new IllegalArgumentException("allowed source '" + spec + "' is not an IP address or CIDR block");
    }
    byte[] address;
    try {
      address = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("allowed source '" + spec + "' is not an IP address or CIDR block", e);
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("allowed source '" + spec + "' has a bad prefix length", e);
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("allowed source '" + spec + "' has a prefix length outside 0.." + bits);
      }
    }
    return new AddressBlock(address, prefix, s);
  }

  private static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") && host.chars().filter(c -> c == '.').count() == 3
        || host.contains(":") && host.matches("[0-9a-fA-F:.]+");
  }

  boolean contains(InetAddress candidate) {
    byte[] a = candidate.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
