package io.switchboard.media.impl.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our DTLS identity: an ECDSA P-256 key and a self-signed certificate (RFC 8827 §6.5: WebRTC peers authenticate by
 * the fingerprint in SDP, not by a CA). One per endpoint; its fingerprint goes into every SDP answer.
 */
public final class DtlsIdentity {
  private final BcTlsCrypto crypto;
  private final AsymmetricKeyParameter privateKey;
  private final Certificate certificate;
  private final Fingerprint fingerprint;

  private DtlsIdentity(BcTlsCrypto crypto, AsymmetricKeyParameter privateKey, Certificate certificate,
      Fingerprint fingerprint) {
    this.crypto = crypto;
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.fingerprint = fingerprint;
  }

  /** Generates a fresh key and certificate, valid from yesterday for 30 days. Takes a few milliseconds. */
  public static DtlsIdentity generate(String commonName) {
    SecureRandom random = new SecureRandom();
    BcTlsCrypto crypto = new BcTlsCrypto(random);
    X9ECParameters curve = ECNamedCurveTable.getByName("secp256r1");
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    // Named domain parameters, so the certificate names the curve by OID: BoringSSL (Chromium) refuses
    // certificates with explicit curve parameters with decode_error.
    generator.init(new ECKeyGenerationParameters(
        new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve), random));
    AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder builder = new BcX509v3CertificateBuilder(name,
          new BigInteger(63, random), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(30))), name, (ECPublicKeyParameters) keyPair.getPublic());
      var signatureAlgorithm = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
      var digestAlgorithm = new DefaultDigestAlgorithmIdentifierFinder().find(signatureAlgorithm);
      ContentSigner signer = new BcECContentSignerBuilder(signatureAlgorithm, digestAlgorithm)
          .build(keyPair.getPrivate());
      X509CertificateHolder holder = builder.build(signer);
      byte[] der = holder.getEncoded();
      TlsCertificate tlsCertificate = crypto.createCertificate(der);
      return new DtlsIdentity(crypto, keyPair.getPrivate(),
          new Certificate(new TlsCertificate[] {tlsCertificate}), Fingerprint.of("sha-256", der));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign the DTLS certificate", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public BcTlsCrypto crypto() {
    return crypto;
  }

  AsymmetricKeyParameter privateKey() {
    return privateKey;
  }

  Certificate certificate() {
    return certificate;
  }

  /** SHA-256 fingerprint of our certificate, for {@code a=fingerprint}. */
  public Fingerprint fingerprint() {
    return fingerprint;
  }
}
