package io.switchboard.media;

/**
 * The audio codec agreed for a session. Only G.711 at 8 kHz: calls are relayed to and from the telephone network
 * without transcoding.
 *
 * @param payloadType      RTP payload type of audio
 * @param name             {@code PCMU} or {@code PCMA}
 * @param dtmfPayloadType  RTP payload type of RFC 4733 telephone-event, or -1 if the peer offered none
 */
public record AudioCodec(int payloadType, String name, int dtmfPayloadType) {
  public static final int CLOCK_RATE = 8000;
  /** Samples in one 20 ms packet. */
  public static final int SAMPLES_PER_PACKET = 160;
}
