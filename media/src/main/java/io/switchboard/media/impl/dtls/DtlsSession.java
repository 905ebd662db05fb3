package io.switchboard.media.impl.dtls;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsPeer;

/**
 * One DTLS association for DTLS-SRTP. BouncyCastle's DTLS API blocks, so the handshake and any later records run on
 * {@code executor}, never on the packet thread: the packet path only queues records ({@link #receive}). Records to
 * send go to {@code send}. After the handshake the association carries no application data; we keep reading only
 * to answer retransmitted final flights and to notice the peer's close_notify.
 */
public final class DtlsSession {
  /** Why the handshake failed, or that the peer closed. */
  public interface Listener {
    void peerClosed();
  }

  private final DtlsRole role;
  private final DtlsIdentity identity;
  private final Fingerprint expectedPeer;
  private final int timeoutMillis;
  private final Executor executor;
  private final QueuedDatagramTransport transport;
  private final Listener listener;
  private final CompletableFuture<SrtpKeyingMaterial> handshake = new CompletableFuture<>();
  private final Object readLock = new Object();
  private volatile String failure;
  private volatile TlsPeer peer;
  private volatile DTLSTransport established;
  private volatile boolean closed;

  public DtlsSession(DtlsRole role, DtlsIdentity identity, Fingerprint expectedPeer, Duration timeout,
      Executor executor, Consumer<byte[]> send, Listener listener) {
    this.role = role;
    this.identity = identity;
    this.expectedPeer = expectedPeer;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    this.executor = executor;
    this.transport = new QueuedDatagramTransport(send);
    this.listener = listener;
  }

  public DtlsRole role() {
    return role;
  }

  /** Starts the handshake on the executor; the future completes with the SRTP keys or fails with the reason. */
  public CompletableFuture<SrtpKeyingMaterial> start() {
    executor.execute(this::handshake);
    return handshake;
  }

  /** Queues a DTLS record from the peer. Packet path: never blocks; false if it had to be dropped. */
  public boolean receive(byte[] record) {
    if (closed || !transport.offer(record)) {
      return false;
    }
    if (established != null) {
      executor.execute(this::readAfterHandshake);
    }
    return true;
  }

  /** The failure message, if the handshake failed. */
  public String failure() {
    return failure;
  }

  /** Sends close_notify if established and frees the association. Idempotent. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    DTLSTransport t = established;
    if (t != null) {
      executor.execute(() -> {
        try {
          t.close();
        } catch (IOException ignored) {
          // The association is gone either way.
        }
      });
    } else {
      TlsPeer p = peer;
      if (p != null) {
        try {
          p.cancel();
        } catch (IOException ignored) {
          // Cancelling a handshake that already ended.
        }
      }
      transport.close();
    }
    handshake.completeExceptionally(new IOException("DTLS session closed"));
  }

  private void handshake() {
    DtlsEvents events = new DtlsEvents() {
      @Override
      public void alertReceived(short description) {
        if (description == AlertDescription.close_notify) {
          if (established != null) {
            listener.peerClosed();
          }
        } else if (failure == null) {
          failure = "peer sent DTLS alert " + AlertDescription.getText(description);
        }
      }

      @Override
      public void alertRaised(short description, String message) {
        if (failure == null && description != AlertDescription.close_notify) {
          failure = message;
        }
      }
    };
    try {
      byte[] material;
      if (role == DtlsRole.SERVER) {
        DtlsSrtpServer server = new DtlsSrtpServer(identity, expectedPeer, timeoutMillis, events);
        peer = server;
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        // ICE has already proved the address is reachable and willing (RFC 7675), so no cookie round trip.
        protocol.setVerifyRequests(false);
        established = protocol.accept(server, transport);
        material = server.keyingMaterial();
      } else {
        DtlsSrtpClient client = new DtlsSrtpClient(identity, expectedPeer, timeoutMillis, events);
        peer = client;
        established = new DTLSClientProtocol().connect(client, transport);
        material = client.keyingMaterial();
      }
      if (closed) {
        established.close();
        handshake.completeExceptionally(new IOException("DTLS session closed"));
        return;
      }
      handshake.complete(new SrtpKeyingMaterial(material, role == DtlsRole.CLIENT));
      if (transport.hasQueued()) {
        readAfterHandshake();
      }
    } catch (IOException | RuntimeException e) {
      if (failure == null) {
        failure = closed ? "DTLS session closed" : "DTLS handshake failed: " + e.getMessage();
      }
      transport.close();
      handshake.completeExceptionally(new IOException(failure, e));
    }
  }

  private void readAfterHandshake() {
    DTLSTransport t = established;
    if (t == null) {
      return;
    }
    synchronized (readLock) {
      byte[] buf = new byte[transport.getReceiveLimit()];
      try {
        while (!closed && transport.hasQueued()) {
          // Handles a retransmitted final flight or an alert; there is no application data in DTLS-SRTP.
          t.receive(buf, 0, buf.length, 1);
        }
      } catch (IOException e) {
        if (!closed) {
          listener.peerClosed();
        }
      }
    }
  }
}
