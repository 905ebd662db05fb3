// What every page that talks audio WebRTC to the server shares: offering only the codecs the server speaks, and one
// snapshot of getStats in the shape the pages (and their tests) read. Used by the headset check and the agent desktop.

/**
 * The server speaks G.711 only (PCMU/PCMA + telephone-event at 8 kHz): offer just those, so the answer is
 * unambiguous. Browsers without setCodecPreferences offer their defaults and the server picks G.711 from them.
 */
export function preferG711(transceiver) {
  if (!transceiver.setCodecPreferences || !RTCRtpReceiver.getCapabilities) return;
  const codecs = RTCRtpReceiver.getCapabilities('audio').codecs.filter(
    (c) => /^audio\/(PCMU|PCMA)$/i.test(c.mimeType) || (/telephone-event/i.test(c.mimeType) && c.clockRate === 8000));
  if (codecs.some((c) => /PCM/i.test(c.mimeType))) {
    try {
      transceiver.setCodecPreferences(codecs);
    } catch (e) {
      console.warn('setCodecPreferences failed, offering the browser defaults', e);
    }
  }
}

/** One snapshot of what getStats says about the selected path and the received audio. */
export async function collectStats(pc) {
  const report = await pc.getStats();
  let transport = null;
  let inbound = null;
  report.forEach((r) => {
    if (r.type === 'transport' && !transport) transport = r;
    if (r.type === 'inbound-rtp' && (r.kind ?? r.mediaType) === 'audio') inbound = r;
  });
  let pair = transport?.selectedCandidatePairId ? report.get(transport.selectedCandidatePairId) : null;
  if (!pair) report.forEach((r) => { if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') pair = r; });
  const remote = pair ? report.get(pair.remoteCandidateId) : null;
  const lost = Math.max(0, inbound?.packetsLost ?? 0);
  const received = inbound?.packetsReceived ?? 0;
  return {
    dtlsState: transport?.dtlsState ?? 'new',
    iceState: transport?.iceState ?? pc.iceConnectionState,
    rttMs: typeof pair?.currentRoundTripTime === 'number' ? pair.currentRoundTripTime * 1000 : null,
    lossPercent: lost + received > 0 ? (100 * lost) / (lost + received) : null,
    jitterMs: typeof inbound?.jitter === 'number' ? inbound.jitter * 1000 : null,
    packetsReceived: received,
    packetsLost: lost,
    codec: inbound?.codecId ? report.get(inbound.codecId)?.mimeType ?? null : null,
    remoteAddress: remote?.address ?? remote?.ip ?? null,
    remotePort: remote?.port ?? null,
  };
}
