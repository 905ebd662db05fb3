// Measures the audio of a MediaStream with WebAudio: the overall level, and how much of the power sits at one
// frequency (Goertzel). The headset check feeds it the echoed (remote) stream; tests use toneLevel() to prove the
// browser heard its own tone come back.
//
// Chromium only feeds WebAudio from a remote WebRTC stream when that stream is also playing in a media element
// (crbug.com/933677), so the caller must attach the stream to an <audio> element as well.

const WINDOW_SECONDS = 0.2;

/**
 * Relative power of frequencyHz in samples: the Goertzel power at exactly frequencyHz (a generalised, non-integer
 * bin) divided by the power a pure sine with all of the signal's energy would give. A clean tone at frequencyHz
 * gives ≈ 1, silence or other frequencies give ≈ 0.
 */
export function goertzelRelativePower(samples, sampleRate, frequencyHz) {
  const n = samples.length;
  if (n === 0) return 0;
  const omega = (2 * Math.PI * frequencyHz) / sampleRate;
  const coeff = 2 * Math.cos(omega);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[i];
    energy += x * x;
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  if (energy < 1e-9) return 0;
  // |X(ω)|² from the last two states; a sine of amplitude A over n samples gives |X|² ≈ (A·n/2)² and energy ≈ A²·n/2.
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return Math.min(1, (2 * power) / (n * energy));
}

/**
 * The amplitude of frequencyHz in samples, in dBFS (a full-scale sine is 0): unlike the relative power, a quiet tone
 * next to a loud one still measures at its own level. −Infinity for silence.
 */
export function goertzelDbfs(samples, sampleRate, frequencyHz) {
  const n = samples.length;
  if (n === 0) return -Infinity;
  const coeff = 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = samples[i] + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  // A sine of amplitude A over n samples gives |X|² ≈ (A·n/2)².
  const amplitude = (2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2))) / n;
  return amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity;
}

/** RMS level in dBFS of samples (−Infinity for digital silence). */
export function levelDbfs(samples) {
  let energy = 0;
  for (let i = 0; i < samples.length; i++) energy += samples[i] * samples[i];
  const rms = Math.sqrt(energy / Math.max(1, samples.length));
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}

export class ToneDetector {
  /** @param {MediaStream} stream audio to measure; it must also be playing in a media element if it is remote. */
  constructor(stream) {
    this.context = new AudioContext();
    this.source = this.context.createMediaStreamSource(stream);
    this.analyser = this.context.createAnalyser();
    // The smallest power of two holding WINDOW_SECONDS (8192 at 32 kHz, 16384 at 48 kHz, i.e. ~0.2–0.34 s).
    const wanted = this.context.sampleRate * WINDOW_SECONDS;
    let size = 2048;
    while (size < wanted && size < 32768) size *= 2;
    this.analyser.fftSize = size;
    this.analyser.smoothingTimeConstant = 0;
    this.buffer = new Float32Array(this.analyser.fftSize);
    // Only the last ~200 ms count, so measure on the newest part of the analyser's window.
    this.windowLength = Math.min(this.buffer.length, Math.round(wanted));
    this.source.connect(this.analyser);
  }

  /** The newest ~200 ms of samples, between −1 and 1. */
  latestSamples() {
    this.analyser.getFloatTimeDomainData(this.buffer);
    return this.buffer.subarray(this.buffer.length - this.windowLength);
  }

  toneLevel(frequencyHz) {
    return goertzelRelativePower(this.latestSamples(), this.context.sampleRate, frequencyHz);
  }

  /** The level of one frequency in the newest ~200 ms, in dBFS. */
  toneDbfs(frequencyHz) {
    return goertzelDbfs(this.latestSamples(), this.context.sampleRate, frequencyHz);
  }

  levelDbfs() {
    return levelDbfs(this.latestSamples());
  }

  /** AudioContexts created before a user gesture start suspended; Start is a gesture, so resume there. */
  resume() {
    return this.context.state === 'suspended' ? this.context.resume() : Promise.resolve();
  }

  close() {
    this.source.disconnect();
    return this.context.state === 'closed' ? Promise.resolve() : this.context.close();
  }
}
