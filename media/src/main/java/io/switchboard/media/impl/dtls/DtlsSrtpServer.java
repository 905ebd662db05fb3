package io.switchboard.media.impl.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;

import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;

import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;

import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsUtils;



/** Our DTLS server role (a=setup:passive): DTLS 1.2, ECDSA, use_srtp, client certificate checked. */
final class DtlsSrtpServer extends DefaultTlsServer {
  private final DtlsIdentity identity;
  private final Fingerprint expectedPeer;
  private final int handshakeTimeoutMillis;
  private final DtlsEvents events;
  private volatile byte[] keyingMaterial;

  DtlsSrtpServer(DtlsIdentity identity, Fingerprint expectedPeer, int handshakeTimeoutMillis, DtlsEvents events) {
    super(identity.crypto());
    this.identity = identity;
    this.expectedPeer = expectedPeer;
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    this.events = events;
  }

  byte[] keyingMaterial() {
    return keyingMaterial;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), SrtpProfiles.CIPHER_SUITES);
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return handshakeTimeoutMillis;
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() {
    return SrtpProfiles.signer(context, identity);
  }

  /** RFC 5763 §5: the offerer's certificate must be requested so its fingerprint can be checked. */
  @Override
  public CertificateRequest getCertificateRequest() {
    Vector<?> algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
    return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
        algorithms, null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    PeerCertificateCheck.verify(clientCertificate, expectedPeer, events);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    SrtpProfiles.require(clientExtensions);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
    SrtpProfiles.offer(extensions);
    return extensions;
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    keyingMaterial = SrtpProfiles.exportKeys(context);
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    events.alertReceived(alertDescription);
  }

  @Override
  public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
    events.alertRaised(alertDescription, SrtpProfiles.reason(alertDescription, message, cause));
  }
}
