package io.switchboard.media.impl.dtls;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * RFC 8122 §5 / RFC 5763 §5: the certificate the peer presents in DTLS must hash to the a=fingerprint of its SDP,
 * otherwise anyone on the path could sit in the middle. Both roles call this.
 */
final class PeerCertificateCheck {
  private PeerCertificateCheck() {
  }

  /** Throws the fatal alert to send, after telling {@code events} why (BouncyCastle drops the message). */
  static void verify(Certificate presented, Fingerprint expected, DtlsEvents events) throws IOException {
    if (presented == null || presented.isEmpty()) {
      String why = "peer presented no certificate; a=fingerprint requires one";
      events.alertRaised(AlertDescription.certificate_required, why);
      throw new TlsFatalAlert(AlertDescription.certificate_required, why);
    }
    if (!expected.matches(presented.getCertificateAt(0).getEncoded())) {
      String why = "peer certificate does not match the a=fingerprint of its SDP (" + expected.hashFunction() + ")";
      events.alertRaised(AlertDescription.bad_certificate, why);
      throw new TlsFatalAlert(AlertDescription.bad_certificate, why);
    }
  }
}
