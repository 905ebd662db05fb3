package io.switchboard.e2e.agent;

import io.switchboard.e2e.ClasspathWebroot;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * A second page whose RTCPeerConnection plays the server's side of the agent's shift-long media session: it answers
 * each {@code media.offer} (a newer offer replaces the older session, as docs/protocol.md says) and sends a
 * {@value #CALLER_TONE_HZ} Hz "caller voice" that is silent until {@link #connectCaller()} — as the server switches
 * an answered call's audio into the session without renegotiating.
 */
final class MediaPeerPage {

  static final int CALLER_TONE_HZ = 1000;

  private final Page page;

  MediaPeerPage(BrowserContext context) {
    page = context.newPage();
    page.onConsoleMessage(m -> System.out.println("[media peer console." + m.type() + "] " + m.text()));
    page.route(ClasspathWebroot.ORIGIN + "/**", ClasspathWebroot::serve);
    page.navigate(ClasspathWebroot.ORIGIN + ClasspathWebroot.BLANK);
  }

  /** The answer SDP (ICE gathering complete, so the page's candidates are in it) for the agent's offer. */
  String answer(String offerSdp) {
    return (String) page.evaluate("""
        async ([offer, frequency]) => {
          if (window.peer) window.peer.close();
          if (!window.voice) {
            const ctx = new AudioContext();
            await ctx.resume();
            const oscillator = new OscillatorNode(ctx, { frequency });
            const gain = new GainNode(ctx, { gain: 0 });
            const out = new MediaStreamAudioDestinationNode(ctx);
            oscillator.connect(gain).connect(out);
            oscillator.start();
            window.voice = { gain, track: out.stream.getAudioTracks()[0] };
          }
          const pc = new RTCPeerConnection();
          await pc.setRemoteDescription({ type: 'offer', sdp: offer });
          const [transceiver] = pc.getTransceivers();
          transceiver.direction = 'sendrecv';
          await transceiver.sender.replaceTrack(window.voice.track);
          // Chromium pulls a remote audio track only while something plays it.
          const player = new Audio();
          player.srcObject = new MediaStream([transceiver.receiver.track]);
          player.play();
          await pc.setLocalDescription(await pc.createAnswer());
          if (pc.iceGatheringState !== 'complete') {
            await new Promise(done => pc.addEventListener('icegatheringstatechange',
                () => pc.iceGatheringState === 'complete' && done()));
          }
          window.peer = pc;
          return pc.localDescription.sdp;
        }""", java.util.List.of(offerSdp, CALLER_TONE_HZ));
  }

  /** The caller starts talking into the agent's session. */
  void connectCaller() {
    page.evaluate("() => { window.voice.gain.gain.value = 1; }");
  }

  void disconnectCaller() {
    page.evaluate("() => { window.voice.gain.gain.value = 0; }");
  }

  /** RTP packets this side received from the agent's microphone. */
  long packetsFromAgent() {
    Object n = page.evaluate("""
        async () => {
          if (!window.peer) return 0;
          let packets = 0;
          (await window.peer.getStats()).forEach(r => { if (r.type === 'inbound-rtp') packets += r.packetsReceived; });
          return packets;
        }""");
    return ((Number) n).longValue();
  }
}
