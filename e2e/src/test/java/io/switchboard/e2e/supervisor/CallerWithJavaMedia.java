package io.switchboard.e2e.supervisor;

import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.media.testpeer.Await;
import io.switchboard.media.testpeer.RtpTestPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A caller whose signalling is SIPp (the carrier) and whose media is the Java RTP peer, so that what the caller's
 * side receives can be analysed by tone: SIPp offers the peer's port and writes the server's RTP port from the
 * 200 OK to a file; {@link #talk} then streams a tone there. Waits for the agent's BYE.
 */
public final class CallerWithJavaMedia implements AutoCloseable {
  private final SippCaller sipp;
  private final RtpTestPeer media;
  private final Path portFile;

  private CallerWithJavaMedia(SippCaller sipp, RtpTestPeer media, Path portFile) {
    this.sipp = sipp;
    this.media = media;
    this.portFile = portFile;
  }

  public static CallerWithJavaMedia call(int sipPort, String dialled, String from, Path workDir) throws Exception {
    RtpTestPeer media = RtpTestPeer.create(true);
    Path portFile = workDir.resolve("server-rtp-port-" + media.port() + ".txt");
    SippCaller sipp = SippCaller.call("caller-with-java-media-expects-bye.xml", sipPort, dialled, from,
        workDir.resolve("unused.ulaw"), 0,
        Map.of("@RTP_PORT@", String.valueOf(media.port()), "@PORT_FILE@", portFile.toString()), workDir);
    return new CallerWithJavaMedia(sipp, media, portFile);
  }

  /** Once the call is answered, streams a tone to the server's RTP port. */
  public void talk(int frequencyHz) throws Exception {
    try {
      Await.until(() -> Files.exists(portFile), Duration.ofSeconds(10), "the server's RTP port from SIPp");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; " + sipp.report(), e);
    }
    media.sendTo("127.0.0.1", Integer.parseInt(Files.readString(portFile).trim()));
    media.startTone(frequencyHz);
  }

  /** What the caller's side receives. */
  public RtpTestPeer media() {
    return media;
  }

  public SippCaller sipp() {
    return sipp;
  }

  @Override
  public void close() {
    sipp.close();
    media.close();
  }
}
