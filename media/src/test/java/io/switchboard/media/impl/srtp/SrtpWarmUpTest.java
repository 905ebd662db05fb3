package io.switchboard.media.impl.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.impl.dtls.SrtpKeyingMaterial;
import io.switchboard.media.impl.pipeline.Packet;
import io.switchboard.media.impl.rtp.RtpHeader;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SrtpWarmUpTest {
  @Test
  void afterTheWarmUp_aNewSessionProtectsItsFirstPacketWithoutTheStartUpCost() throws Exception {
    long tookNanos = SrtpWarmUp.start().get(60, TimeUnit.SECONDS);
    assertThat(SrtpWarmUp.start()).isDone();

    byte[] material = new byte[SrtpKeyingMaterial.EXPORT_LENGTH];
    new Random(3).nextBytes(material);
    long begin = System.nanoTime();
    SrtpStreams client = new SrtpStreams(new SrtpKeyingMaterial(material, true));
    SrtpStreams server = new SrtpStreams(new SrtpKeyingMaterial(material, false));
    Packet packet = Packet.allocate();
    RtpHeader.write(packet.getBuffer(), 0, false, 0, 1, 160, 0x55);
    packet.getBuffer()[RtpHeader.FIXED_LENGTH + 10] = 42;
    packet.setLength(RtpHeader.FIXED_LENGTH + 160);
    assertThat(client.protectRtp(packet)).isNull();
    assertThat(server.unprotectRtp(packet)).isNull();
    long firstSessionNanos = System.nanoTime() - begin;

    assertThat(packet.getBuffer()[RtpHeader.FIXED_LENGTH + 10]).isEqualTo((byte) 42);
    // The start-up cost (seconds before the warm-up) is not paid again: a generous bound for a loaded machine.
    assertThat(TimeUnit.NANOSECONDS.toMillis(firstSessionNanos)).isLessThan(500);
    assertThat(tookNanos).isPositive();
  }

  @Test
  void aesSetting_pinsAFactoryOrLetsJitsiBenchmark() {
    assertThat(SrtpWarmUp.aesFactory("", true)).isEqualTo("SunJCE");
    assertThat(SrtpWarmUp.aesFactory("", false)).isNull();
    assertThat(SrtpWarmUp.aesFactory("auto", true)).isNull();
    assertThat(SrtpWarmUp.aesFactory("OpenSSL", true)).isEqualTo("OpenSSL");
    assertThatThrownBy(() -> SrtpWarmUp.aesFactory("fastest", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fastest");
  }
}
