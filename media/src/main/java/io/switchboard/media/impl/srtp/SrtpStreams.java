package io.switchboard.media.impl.srtp;

import io.switchboard.media.impl.dtls.SrtpKeyingMaterial;
import io.switchboard.media.impl.pipeline.DropReason;
import io.switchboard.media.impl.pipeline.Packet;
import io.switchboard.media.impl.rtp.RtpHeader;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP and SRTCP for one session, both directions (RFC 3711), AES_CM_128_HMAC_SHA1_80 with authentication and
 * replay checks on. Crypto contexts are per SSRC; a peer may use only a few, so a flood of SSRCs is dropped rather
 * than allowed to grow memory. Not thread-safe: one packet thread per session.
 */
public final class SrtpStreams {
  /** Browsers send one audio SSRC (and RTX/FEC do not apply to G.711); a little headroom for SSRC changes. */
  private static final int MAX_REMOTE_SSRCS = 4;
  private static final Logger LOGGER = new LoggerImpl(SrtpStreams.class.getName());

  private final SrtpContextFactory senderFactory;
  private final SrtpContextFactory receiverFactory;
  private final Map<Integer, SrtpCryptoContext> sendRtp = new HashMap<>();
  private final Map<Integer, SrtcpCryptoContext> sendRtcp = new HashMap<>();
  private final Map<Integer, SrtpCryptoContext> receiveRtp = new HashMap<>();
  private final Map<Integer, SrtcpCryptoContext> receiveRtcp = new HashMap<>();

  public SrtpStreams(SrtpKeyingMaterial keys) {
    senderFactory = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(), policy(), policy(), LOGGER);
    receiverFactory = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(), policy(), policy(),
        LOGGER);
  }

  private static SrtpPolicy policy() {
    SrtpPolicy policy = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, SrtpKeyingMaterial.KEY_LENGTH,
        SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, SrtpKeyingMaterial.SALT_LENGTH);
    policy.setReceiveReplayEnabled(true);
    return policy;
  }

  /** Decrypts and authenticates an SRTP packet in place. Returns null on success, else why it was dropped. */
  public DropReason unprotectRtp(Packet packet) {
    int ssrc = RtpHeader.ssrc(packet.getBuffer(), packet.getOffset());
    SrtpCryptoContext context = receiveRtp.get(ssrc);
    try {
      if (context == null) {
        if (receiveRtp.size() >= MAX_REMOTE_SSRCS) {
          return DropReason.SRTP_TOO_MANY_SSRCS;
        }
        context = receiverFactory.deriveContext(ssrc, 0);
        receiveRtp.put(ssrc, context);
      }
      return reason(context.reverseTransformPacket(packet, false));
    } catch (GeneralSecurityException | RuntimeException e) {
      return DropReason.SRTP_INVALID;
    }
  }

  /** Decrypts and authenticates an SRTCP packet in place. Returns null on success, else the drop reason. */
  public DropReason unprotectRtcp(Packet packet) {
    if (packet.getLength() < 8 + 4 + 10) {
      return DropReason.SRTP_INVALID;
    }
    int ssrc = (int) RtpHeader.readUint32(packet.getBuffer(), packet.getOffset() + 4);
    SrtcpCryptoContext context = receiveRtcp.get(ssrc);
    try {
      if (context == null) {
        if (receiveRtcp.size() >= MAX_REMOTE_SSRCS) {
          return DropReason.SRTP_TOO_MANY_SSRCS;
        }
        context = receiverFactory.deriveControlContext(ssrc);
        receiveRtcp.put(ssrc, context);
      }
      return reason(context.reverseTransformPacket(packet));
    } catch (GeneralSecurityException | RuntimeException e) {
      return DropReason.SRTP_INVALID;
    }
  }

  /** Encrypts and signs an RTP packet in place (the packet grows by the 10-byte tag). */
  public DropReason protectRtp(Packet packet) {
    int ssrc = RtpHeader.ssrc(packet.getBuffer(), packet.getOffset());
    try {
      SrtpCryptoContext context = sendRtp.get(ssrc);
      if (context == null) {
        context = senderFactory.deriveContext(ssrc, 0);
        sendRtp.put(ssrc, context);
      }
      return reason(context.transformPacket(packet));
    } catch (GeneralSecurityException | RuntimeException e) {
      return DropReason.SRTP_INVALID;
    }
  }

  /** Encrypts and signs an RTCP packet in place. */
  public DropReason protectRtcp(Packet packet) {
    int ssrc = (int) RtpHeader.readUint32(packet.getBuffer(), packet.getOffset() + 4);
    try {
      SrtcpCryptoContext context = sendRtcp.get(ssrc);
      if (context == null) {
        context = senderFactory.deriveControlContext(ssrc);
        sendRtcp.put(ssrc, context);
      }
      return reason(context.transformPacket(packet));
    } catch (GeneralSecurityException | RuntimeException e) {
      return DropReason.SRTP_INVALID;
    }
  }

  public void close() {
    senderFactory.close();
    receiverFactory.close();
  }

  private static DropReason reason(SrtpErrorStatus status) {
    return switch (status) {
      case OK -> null;
      case AUTH_FAIL -> DropReason.SRTP_AUTH_FAIL;
      case REPLAY_FAIL, REPLAY_OLD -> DropReason.SRTP_REPLAY;
      default -> DropReason.SRTP_INVALID;
    };
  }
}
