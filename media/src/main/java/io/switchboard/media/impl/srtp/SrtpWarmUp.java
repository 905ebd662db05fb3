package io.switchboard.media.impl.srtp;

import io.switchboard.media.impl.dtls.SrtpKeyingMaterial;
import io.switchboard.media.impl.pipeline.Packet;
import io.switchboard.media.impl.rtp.RtpHeader;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.jitsi.srtp.crypto.Aes;

/**
 * Pays SRTP's one-time start-up cost once per process, on a thread of its own, before the first session needs it.
 *
 * <p>Why: the first SRTP context of a process loads jitsi-srtp's OpenSSL library, builds a BouncyCastle JCA provider
 * (jitsi-srtp's {@code HmacSha1} lists it among its fallbacks: thousands of algorithm entries, 4.5 s of the 5–7 s
 * measured on the busy 2-core machine) and, on its first AES/CTR cipher, benchmarks every AES implementation it
 * knows to pick the fastest. That ran on the packet thread of the first session that connected and blocked it,
 * with every other session of that loop (docs/performance.md, fourth round). Here it runs when the WebRTC endpoint
 * starts, on a thread of its own.
 *
 * <p>Which AES: {@code -Dswitchboard.media.srtpAes=} {@code SunJCE}, {@code OpenSSL}, {@code BouncyCastle} pins
 * jitsi-srtp's choice; {@code auto} lets it benchmark. The default pins SunJCE when the JVM compiles AES/CTR to
 * AES-NI instructions ({@code UseAESCTRIntrinsics}), which is what the benchmark picks on such machines anyway
 * (SunJCE 0.5–1.1 µs per 160-byte payload against OpenSSL's 1.9–2.0 µs through JNI, measured here), and
 * skips the benchmark; elsewhere it keeps the benchmark.
 */
public final class SrtpWarmUp {
  private static final Logger LOG = Logger.getLogger(SrtpWarmUp.class.getName());
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final CompletableFuture<Long> DONE = new CompletableFuture<>();

  private SrtpWarmUp() {
  }

  /**
   * Starts the warm-up (the first call only) and returns what completes with its duration in nanoseconds. Never
   * fails: an error is logged, and the first session then pays the cost as before.
   */
  public static CompletableFuture<Long> start() {
    if (STARTED.compareAndSet(false, true)) {
      Thread thread = new Thread(SrtpWarmUp::run, "switchboard-srtp-warm-up");
      thread.setDaemon(true);
      thread.start();
    }
    return DONE;
  }

  private static void run() {
    long begin = System.nanoTime();
    try {
      String factory = aesFactory(System.getProperty("switchboard.media.srtpAes", ""), aesCtrIntrinsics());
      if (factory != null) {
        Aes.setFactoryClassName(factory);
      }
      exercise();
      long took = System.nanoTime() - begin;
      LOG.fine(() -> "SRTP ready in " + took / 1_000_000 + " ms (AES: " + (factory == null ? "benchmarked" : factory)
          + ")");
      DONE.complete(took);
    } catch (RuntimeException | LinkageError e) {
      LOG.warning("SRTP warm-up failed (" + e + "); the first session will pay it");
      DONE.complete(System.nanoTime() - begin);
    }
  }

  /**
   * The jitsi-srtp factory to pin for a setting ({@code srtpAes}, empty for the default) and whether the JVM has
   * AES/CTR intrinsics; null lets jitsi-srtp benchmark.
   */
  static String aesFactory(String setting, boolean intrinsics) {
    return switch (setting.trim()) {
      case "" -> intrinsics ? "SunJCE" : null;
      case "auto" -> null;
      case "SunJCE", "OpenSSL", "BouncyCastle" -> setting.trim();
      default -> throw new IllegalArgumentException("switchboard.media.srtpAes must be auto, SunJCE, OpenSSL or "
          + "BouncyCastle, not '" + setting + "'");
    };
  }

  /**
   * Whether HotSpot uses the CPU's AES instructions (false when it cannot tell, e.g. another JVM). The flag of
   * the AES/CTR intrinsic itself is a diagnostic one, hidden unless unlocked; {@code UseAES} is the product flag
   * HotSpot turns off when the CPU has no AES-NI, and the intrinsics depend on it.
   */
  static boolean aesCtrIntrinsics() {
    com.sun.management.HotSpotDiagnosticMXBean vm;
    try {
      vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
    for (String flag : new String[] {"UseAESCTRIntrinsics", "UseAES"}) {
      try {
        return Boolean.parseBoolean(vm.getVMOption(flag).getValue());
      } catch (IllegalArgumentException e) {
        // Not visible (diagnostic, locked) or not in this JVM: try the next.
      }
    }
    return false;
  }

  /** One protected and unprotected RTP and RTCP packet with throw-away keys: every lazy part is loaded. */
  private static void exercise() {
    byte[] material = new byte[SrtpKeyingMaterial.EXPORT_LENGTH];
    new SecureRandom().nextBytes(material);
    SrtpStreams sender = new SrtpStreams(new SrtpKeyingMaterial(material, true));
    SrtpStreams receiver = new SrtpStreams(new SrtpKeyingMaterial(material, false));
    try {
      Packet rtp = Packet.allocate();
      RtpHeader.write(rtp.getBuffer(), 0, false, 0, 1, 160, 1);
      rtp.setLength(RtpHeader.FIXED_LENGTH + 160);
      sender.protectRtp(rtp);
      receiver.unprotectRtp(rtp);
      Packet rtcp = Packet.allocate();
      byte[] b = rtcp.getBuffer();
      b[0] = (byte) 0x80; // V=2, no report blocks
      b[1] = (byte) 201; // RR
      b[3] = 1; // length: 1 word after the first
      b[7] = 1; // SSRC
      rtcp.setLength(8);
      sender.protectRtcp(rtcp);
      receiver.unprotectRtcp(rtcp);
    } finally {
      sender.close();
      receiver.close();
    }
  }
}
