package io.switchboard.media.impl.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/** The DTLS-SRTP parameters both our roles agree on (RFC 5764 §4.1.1, RFC 8827 §6.5). */
final class SrtpProfiles {
  /** The one protection profile we support; every browser offers it. */
  static final int PROFILE = SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;

  /** ECDSA suites with forward secrecy: what browsers' certificates and RFC 8827 call for. */
  static final int[] CIPHER_SUITES = {
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
  };

  private SrtpProfiles() {
  }

  /** Our ECDSA P-256 certificate and key, signing with SHA-256, for either role. */
  static TlsCredentialedSigner signer(TlsContext context, DtlsIdentity identity) {
    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), identity.crypto(),
        identity.privateKey(), identity.certificate(),
        new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
  }

  /** RFC 5764 §4.2: the SRTP master keys and salts, exported once the handshake is complete. */
  static byte[] exportKeys(TlsContext context) {
    return context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeyingMaterial.EXPORT_LENGTH);
  }

  /** The most useful words for a raised alert: BouncyCastle often passes the reason only as the cause. */
  static String reason(short alertDescription, String message, Throwable cause) {
    return cause != null && cause.getMessage() != null ? cause.getMessage()
        : message != null ? message : AlertDescription.getText(alertDescription);
  }

  static void offer(Hashtable<Integer, byte[]> extensions) throws IOException {
    TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {PROFILE}, TlsUtils.EMPTY_BYTES));
  }

  /** Fails the handshake unless the peer's use_srtp extension includes our profile. */
  static void require(Hashtable<Integer, byte[]> extensions) throws IOException {
    UseSRTPData data = extensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(extensions);
    if (data == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer sent no use_srtp extension");
    }
    for (int profile : data.getProtectionProfiles()) {
      if (profile == PROFILE) {
        return;
      }
    }
    throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer does not offer SRTP_AES128_CM_HMAC_SHA1_80");
  }
}
