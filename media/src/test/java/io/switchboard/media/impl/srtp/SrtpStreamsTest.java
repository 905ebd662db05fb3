package io.switchboard.media.impl.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.impl.dtls.SrtpKeyingMaterial;
import io.switchboard.media.impl.pipeline.DropReason;
import io.switchboard.media.impl.pipeline.Packet;
import io.switchboard.media.impl.rtp.RtpHeader;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SrtpStreamsTest {
  private final byte[] material = new byte[SrtpKeyingMaterial.EXPORT_LENGTH];
  private final SrtpStreams client;
  private final SrtpStreams server;

  SrtpStreamsTest() {
    new Random(1).nextBytes(material);
    client = new SrtpStreams(keys(true));
    server = new SrtpStreams(keys(false));
  }

  private SrtpKeyingMaterial keys(boolean weAreClient) {
    return new SrtpKeyingMaterial(material, weAreClient);
  }

  private static Packet rtp(int sequence, byte fill) {
    Packet p = Packet.allocate();
    RtpHeader.write(p.getBuffer(), 0, false, 0, sequence, sequence * 160L, 0x1234);
    Arrays.fill(p.getBuffer(), RtpHeader.FIXED_LENGTH, RtpHeader.FIXED_LENGTH + 160, fill);
    p.setLength(RtpHeader.FIXED_LENGTH + 160);
    return p;
  }

  private static Packet copy(Packet p) {
    byte[] bytes = Arrays.copyOfRange(p.getBuffer(), p.getOffset(), p.getOffset() + p.getLength());
    return Packet.wrap(Arrays.copyOf(bytes, bytes.length + 64), 0, bytes.length);
  }

  @Test
  void protectedPacket_unprotectsToTheOriginalPayload() {
    Packet sent = rtp(1, (byte) 0x55);
    assertThat(client.protectRtp(sent)).isNull();
    assertThat(sent.getLength()).isEqualTo(RtpHeader.FIXED_LENGTH + 160 + 10);
    assertThat(sent.getBuffer()[RtpHeader.FIXED_LENGTH]).isNotEqualTo((byte) 0x55);
    assertThat(server.unprotectRtp(sent)).isNull();
    assertThat(sent.getLength()).isEqualTo(RtpHeader.FIXED_LENGTH + 160);
    assertThat(sent.getBuffer()[RtpHeader.FIXED_LENGTH + 80]).isEqualTo((byte) 0x55);
  }

  @Test
  void replayedPacket_isDroppedAsReplay() {
    Packet sent = rtp(7, (byte) 1);
    client.protectRtp(sent);
    Packet replay = copy(sent);
    assertThat(server.unprotectRtp(sent)).isNull();
    assertThat(server.unprotectRtp(replay)).isEqualTo(DropReason.SRTP_REPLAY);
  }

  @Test
  void tamperedPacket_failsAuthentication() {
    Packet sent = rtp(9, (byte) 2);
    client.protectRtp(sent);
    sent.getBuffer()[RtpHeader.FIXED_LENGTH + 3] ^= 1;
    assertThat(server.unprotectRtp(sent)).isEqualTo(DropReason.SRTP_AUTH_FAIL);
  }

  @Test
  void packetFromTheWrongKeys_failsAuthentication() {
    Packet sent = rtp(3, (byte) 3);
    server.protectRtp(sent);
    // The server's own receive context expects the client's keys.
    assertThat(server.unprotectRtp(sent)).isEqualTo(DropReason.SRTP_AUTH_FAIL);
  }
}
