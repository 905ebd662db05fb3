package io.switchboard.media.impl.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two DTLS stacks wired back to back in memory: no sockets, the stack only moves bytes. */
class DtlsSessionTest {
  private final ExecutorService workers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  @Test
  void clientAndServer_exportMirroredSrtpKeys() throws Exception {
    DtlsIdentity serverId = DtlsIdentity.generate("server");
    DtlsIdentity clientId = DtlsIdentity.generate("client");
    Pair pair = pair(serverId, clientId.fingerprint(), clientId, serverId.fingerprint());
    SrtpKeyingMaterial server = pair.serverKeys.get(10, TimeUnit.SECONDS);
    SrtpKeyingMaterial client = pair.clientKeys.get(10, TimeUnit.SECONDS);
    assertThat(server.localKey()).isEqualTo(client.remoteKey());
    assertThat(server.remoteKey()).isEqualTo(client.localKey());
    assertThat(server.localSalt()).isEqualTo(client.remoteSalt());
    assertThat(server.localKey()).isNotEqualTo(server.remoteKey());
  }

  @Test
  void clientCertificateNotMatchingTheFingerprint_failsBothSides() throws Exception {
    DtlsIdentity serverId = DtlsIdentity.generate("server");
    DtlsIdentity clientId = DtlsIdentity.generate("client");
    DtlsIdentity someoneElse = DtlsIdentity.generate("someone-else");
    Pair pair = pair(serverId, someoneElse.fingerprint(), clientId, serverId.fingerprint());
    assertThatThrownBy(() -> pair.serverKeys.get(10, TimeUnit.SECONDS))
        .hasMessageContaining("does not match the a=fingerprint");
    assertThatThrownBy(() -> pair.clientKeys.get(10, TimeUnit.SECONDS)).hasMessageContaining("bad_certificate");
  }

  @Test
  void serverCertificateNotMatchingTheFingerprint_isRefusedByTheClient() throws Exception {
    DtlsIdentity serverId = DtlsIdentity.generate("server");
    DtlsIdentity clientId = DtlsIdentity.generate("client");
    Pair pair = pair(serverId, clientId.fingerprint(), clientId, DtlsIdentity.generate("x").fingerprint());
    assertThatThrownBy(() -> pair.clientKeys.get(10, TimeUnit.SECONDS))
        .hasMessageContaining("does not match the a=fingerprint");
  }

  @Test
  void certificate_namesItsCurveByOid_asBoringSslRequires() throws Exception {
    DtlsIdentity identity = DtlsIdentity.generate("server");
    byte[] der = identity.certificate().getCertificateAt(0).getEncoded();
    var spki = org.bouncycastle.asn1.x509.Certificate.getInstance(der).getSubjectPublicKeyInfo();
    assertThat(spki.getAlgorithm().getParameters())
        .isEqualTo(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
  }

  private record Pair(CompletableFuture<SrtpKeyingMaterial> serverKeys,
      CompletableFuture<SrtpKeyingMaterial> clientKeys) {
  }

  private Pair pair(DtlsIdentity serverId, Fingerprint expectClient, DtlsIdentity clientId,
      Fingerprint expectServer) {
    AtomicReference<DtlsSession> server = new AtomicReference<>();
    AtomicReference<DtlsSession> client = new AtomicReference<>();
    server.set(new DtlsSession(DtlsRole.SERVER, serverId, expectClient, Duration.ofSeconds(5), workers,
        record -> client.get().receive(record), () -> { }));
    client.set(new DtlsSession(DtlsRole.CLIENT, clientId, expectServer, Duration.ofSeconds(5), workers,
        record -> server.get().receive(record), () -> { }));
    return new Pair(server.get().start(), client.get().start());
  }
}
