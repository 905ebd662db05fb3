package io.switchboard.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressBlockTest {

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void cidrBlocksMatchTheirAddressesOnly() throws Exception {
    AddressBlock block = AddressBlock.parse("10.1.0.0/20");
    assertThat(block.contains(ip("10.1.15.255"))).isTrue();
    assertThat(block.contains(ip("10.1.16.0"))).isFalse();
    assertThat(AddressBlock.parse("192.0.2.7").contains(ip("192.0.2.7"))).isTrue();
    assertThat(AddressBlock.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
    assertThat(AddressBlock.parse("0.0.0.0/0").contains(ip("203.0.113.1"))).isTrue();
    assertThat(AddressBlock.parse("2001:db8::/32").contains(ip("2001:db8:1::5"))).isTrue();
    assertThat(AddressBlock.parse("2001:db8::/32").contains(ip("10.0.0.1"))).isFalse();
  }

  @Test
  void hostNamesAndBadPrefixesAreRefused() {
    assertThatThrownBy(() -> AddressBlock.parse("carrier.example")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrier.example");
    assertThatThrownBy(() -> AddressBlock.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressBlock.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
  }
}
