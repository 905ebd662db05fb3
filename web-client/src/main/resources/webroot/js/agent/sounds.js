// Local sounds, synthesised with WebAudio so the desktop ships no audio files: the ring of an offered call and the
// short key tone under each keypad press. They play on the agent's own speakers/headset only — never to the caller.

/** A double ring, 400 Hz + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off (the BT/ETSI "double ring" cadence). */
const RING_FREQUENCIES = [400, 450];
const RING_BURSTS = [[0, 0.4], [0.6, 0.4]];
const RING_PERIOD_SECONDS = 3;
const RING_GAIN = 0.12;

/** ITU-T Q.23 keypad frequencies: a row tone plus a column tone. */
const DTMF = {
  1: [697, 1209], 2: [697, 1336], 3: [697, 1477], A: [697, 1633],
  4: [770, 1209], 5: [770, 1336], 6: [770, 1477], B: [770, 1633],
  7: [852, 1209], 8: [852, 1336], 9: [852, 1477], C: [852, 1633],
  '*': [941, 1209], 0: [941, 1336], '#': [941, 1477], D: [941, 1633],
};
const DTMF_SECONDS = 0.12;
const DTMF_GAIN = 0.08;

export class Sounds {
  constructor() {
    this.context = null;
    this.ringTimer = 0;
    this.ringNodes = [];
  }

  /** The shared context, created on first use; it may start suspended until the agent has clicked or typed. */
  audioContext() {
    if (!this.context) this.context = new AudioContext();
    if (this.context.state === 'suspended') this.context.resume().catch(() => {});
    return this.context;
  }

  /** Called from a user gesture (sign in, any click) so later sounds are allowed to play. */
  unlock() {
    this.audioContext();
  }

  get ringing() {
    return this.ringTimer !== 0;
  }

  startRing() {
    if (this.ringing) return;
    const ctx = this.audioContext();
    let next = ctx.currentTime + 0.05;
    const scheduleCycle = () => {
      // Schedule one cadence ahead on the audio clock; the timer only has to fire once per period.
      while (next < ctx.currentTime + RING_PERIOD_SECONDS) {
        for (const [offset, length] of RING_BURSTS) this.ringNodes.push(...this.tone(RING_FREQUENCIES, next + offset, length, RING_GAIN));
        next += RING_PERIOD_SECONDS;
      }
      this.ringNodes = this.ringNodes.filter((n) => n.endsAt > ctx.currentTime);
    };
    scheduleCycle();
    this.ringTimer = setInterval(scheduleCycle, (RING_PERIOD_SECONDS * 1000) / 2);
  }

  stopRing() {
    if (!this.ringing) return;
    clearInterval(this.ringTimer);
    this.ringTimer = 0;
    for (const node of this.ringNodes) {
      try {
        node.stop();
      } catch {
        // already stopped
      }
    }
    this.ringNodes = [];
  }

  /** The key tone of digit, as a phone plays it under the agent's finger. */
  keyTone(digit) {
    const pair = DTMF[String(digit).toUpperCase()];
    if (!pair) return;
    const ctx = this.audioContext();
    this.tone(pair, ctx.currentTime + 0.01, DTMF_SECONDS, DTMF_GAIN);
  }

  /** Sums frequencies for length seconds from at, with 10 ms ramps so the edges do not click. */
  tone(frequencies, at, length, gain) {
    const ctx = this.context;
    const envelope = new GainNode(ctx, { gain: 0 });
    envelope.gain.setValueAtTime(0, at);
    envelope.gain.linearRampToValueAtTime(gain / frequencies.length, at + 0.01);
    envelope.gain.setValueAtTime(gain / frequencies.length, at + length - 0.01);
    envelope.gain.linearRampToValueAtTime(0, at + length);
    envelope.connect(ctx.destination);
    return frequencies.map((frequency) => {
      const oscillator = new OscillatorNode(ctx, { frequency });
      oscillator.connect(envelope);
      oscillator.start(at);
      oscillator.stop(at + length);
      oscillator.endsAt = at + length;
      oscillator.addEventListener('ended', () => oscillator.disconnect());
      return oscillator;
    });
  }

  close() {
    this.stopRing();
    if (this.context) this.context.close().catch(() => {});
    this.context = null;
  }
}
