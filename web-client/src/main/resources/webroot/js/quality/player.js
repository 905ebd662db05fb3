// The recording player of the quality page: wavesurfer.js (its WebJar, loaded as a classic script) draws both
// channels of the stereo WAV (caller left on top, agent right below, as the recorder writes them), the call's
// timeline events become markers that seek, and a channel switch lets the evaluator hear one side alone.
//
// The channel switch is a Web Audio graph put into wavesurfer's own chain (backend.setFilters): a splitter takes
// the chosen channel and a merger feeds it to both ears.

import { t } from '../i18n.js';
import { clock } from './session.js';

export class RecordingPlayer {
  /**
   * @param {{wave: HTMLElement, play: HTMLButtonElement, position: HTMLOutputElement}} el
   */
  constructor(el) {
    this.el = el;
    this.channel = 'both';
    const style = getComputedStyle(document.documentElement);
    const colour = (name, otherwise) => style.getPropertyValue(name).trim() || otherwise;
    this.ws = window.WaveSurfer.create({
      container: el.wave,
      backend: 'WebAudio',
      height: 72,
      splitChannels: true,
      normalize: true,
      responsive: true,
      cursorColor: colour('--text', '#1f2430'),
      waveColor: colour('--muted', '#5a6478'),
      progressColor: colour('--brand', '#2457d6'),
      plugins: [window.WaveSurfer.markers.create({ markers: [] })],
    });
    this.ws.on('ready', () => {
      el.wave.dataset.state = 'ready';
      el.play.disabled = false;
      this.applyChannel();
      this.showPosition();
    });
    this.ws.on('audioprocess', () => this.showPosition());
    this.ws.on('seek', () => this.showPosition());
    this.ws.on('play', () => { el.play.textContent = t('quality.pause'); });
    this.ws.on('pause', () => { el.play.textContent = t('quality.play'); });
    this.ws.on('finish', () => { el.play.textContent = t('quality.play'); });
    this.ws.on('error', (message) => {
      el.wave.dataset.state = 'error';
      el.wave.title = String(message);
    });
    el.play.addEventListener('click', () => this.ws.playPause());
  }

  /** Loads the WAV (fetched with the bearer token, so it is a Blob here) and puts the markers on it. */
  load(blob, markers) {
    this.el.wave.dataset.state = 'loading';
    this.el.play.disabled = true;
    this.ws.clearMarkers();
    this.ws.once('ready', () => {
      for (const m of markers) this.ws.addMarker({ time: m.time, label: m.label, color: m.colour });
    });
    this.ws.loadBlob(blob);
  }

  seek(seconds) {
    if (this.el.wave.dataset.state !== 'ready') return;
    this.ws.setCurrentTime(Math.min(seconds, this.ws.getDuration()));
    this.showPosition();
  }

  currentTime() {
    return this.ws.getCurrentTime();
  }

  /** 'both', 'caller' (left channel) or 'agent' (right channel). */
  setChannel(channel) {
    this.channel = channel;
    this.applyChannel();
  }

  applyChannel() {
    const backend = this.ws.backend;
    if (!backend || !backend.ac) return;
    if (this.channel === 'both') {
      backend.setFilters([]);
      return;
    }
    const index = this.channel === 'caller' ? 0 : 1;
    const splitter = backend.ac.createChannelSplitter(2);
    const merger = backend.ac.createChannelMerger(2);
    backend.setFilters([splitter, merger]);
    // setFilters wired splitter output 0 to merger input 0; replace that with the chosen channel to both ears.
    splitter.disconnect();
    splitter.connect(merger, index, 0);
    splitter.connect(merger, index, 1);
  }

  showPosition() {
    this.el.position.value = `${clock(this.ws.getCurrentTime())} / ${clock(this.ws.getDuration())}`;
    this.el.position.textContent = this.el.position.value;
    this.el.position.dataset.seconds = this.ws.getCurrentTime().toFixed(2);
  }

  stop() {
    if (this.ws.isPlaying()) this.ws.pause();
  }
}
