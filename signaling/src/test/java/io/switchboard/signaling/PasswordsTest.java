package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void hash_isSaltedBcryptCost10_andVerifiesOnlyTheRightPassword() {
    String first = Passwords.hash("s3cret pässword");
    String second = Passwords.hash("s3cret pässword");

    assertThat(first).startsWith("$2a$10$").hasSize(60).isNotEqualTo(second);
    assertThat(Passwords.verify("s3cret pässword", first)).isTrue();
    assertThat(Passwords.verify("s3cret password", first)).isFalse();
    assertThat(Passwords.verify("", first)).isFalse();
  }

  @Test
  void malformedOrMissingInput_isFalseNotAnException() {
    assertThat(Passwords.verify("x", "not a bcrypt hash")).isFalse();
    assertThat(Passwords.verify("x", "")).isFalse();
    assertThat(Passwords.verify(null, Passwords.hash("x"))).isFalse();
    assertThat(Passwords.verify("x", null)).isFalse();
    assertThat(Passwords.verify("x".repeat(100), Passwords.hash("x"))).isFalse();
  }

  @Test
  void passwordsBcryptWouldTruncate_areRefused() {
    assertThatThrownBy(() -> Passwords.hash("x".repeat(73))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Passwords.hash("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Passwords.verify("x".repeat(72), Passwords.hash("x".repeat(72)))).isTrue();
    assertThat(Passwords.verify("x".repeat(72) + "y", Passwords.hash("x".repeat(72)))).isFalse();
  }

  @Test
  void accountAndConfig_doNotPrintTheirSecrets() {
    String hash = Passwords.hash("pw");
    assertThat(new AgentAccount("a-1", "alice", "Alice", hash).toString()).doesNotContain(hash);
    assertThat(SignalingConfig.withSecret(AgentDesk.SECRET).toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  void config_refusesAShortSecret() {
    assertThatThrownBy(() -> SignalingConfig.withSecret(new byte[31])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
