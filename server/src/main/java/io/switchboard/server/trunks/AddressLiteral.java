package io.switchboard.server.trunks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address or CIDR block written as a literal (never resolved: a host name here would be a DNS lookup). */
final class AddressLiteral {
  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private AddressLiteral() {
  }

  static boolean isBlock(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    boolean v4 = address.matches("([0-9]{1,3}\\.){3}[0-9]{1,3}");
    if (!LITERAL.matcher(address).matches() || !(address.contains(":") || v4)) {
      return false;
    }
    InetAddress parsed;
    try {
      parsed = InetAddress.getByName(address); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return false;
    }
    if (slash < 0) {
      return true;
    }
    String bits = text.substring(slash + 1);
    if (!bits.matches("[0-9]{1,3}")) {
      return false;
    }
    int prefix = Integer.parseInt(bits);
    return prefix <= parsed.getAddress().length * 8;
  }
}
