package io.switchboard.media.impl.dtls;

import java.io.IOException;
import java.util.Hashtable;

import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;

import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;


import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;



/** Our DTLS client role (a=setup:active): DTLS 1.2, ECDSA, use_srtp, server certificate checked. */
final class DtlsSrtpClient extends DefaultTlsClient {
  private final DtlsIdentity identity;
  private final Fingerprint expectedPeer;
  private final int handshakeTimeoutMillis;
  private final DtlsEvents events;
  private volatile byte[] keyingMaterial;

  DtlsSrtpClient(DtlsIdentity identity, Fingerprint expectedPeer, int handshakeTimeoutMillis, DtlsEvents events) {
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
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
    SrtpProfiles.offer(extensions);
    return extensions;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    SrtpProfiles.require(serverExtensions);
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
        PeerCertificateCheck.verify(serverCertificate.getCertificate(), expectedPeer, events);
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
        return SrtpProfiles.signer(context, identity);
      }
    };
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
