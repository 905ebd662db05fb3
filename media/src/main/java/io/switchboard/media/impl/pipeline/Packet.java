package io.switchboard.media.impl.pipeline;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A packet in flight: a byte array with a window (offset, length) that stages shrink or grow in place. Implements
 * jitsi-srtp's buffer view so SRTP can transform it without copies.
 */
public final class Packet implements ByteArrayBuffer {
  /** Room for an MTU-sized datagram plus the SRTP auth tag. */
  public static final int CAPACITY = 1500 + 64;

  private byte[] buffer;
  private int offset;
  private int length;

  private Packet(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.offset = offset;
    this.length = length;
  }

  /** Wraps bytes that were received (the packet owns them from now on). */
  public static Packet wrap(byte[] buffer, int offset, int length) {
    return new Packet(buffer, offset, length);
  }

  /** An empty packet with room for {@link #CAPACITY} bytes. */
  public static Packet allocate() {
    return new Packet(new byte[CAPACITY], 0, 0);
  }

  /** Empties the window for reuse (the buffer, possibly grown, stays). */
  public Packet clear() {
    offset = 0;
    length = 0;
    return this;
  }

  @Override
  public byte[] getBuffer() {
    return buffer;
  }

  @Override
  public int getOffset() {
    return offset;
  }

  @Override
  public int getLength() {
    return length;
  }

  @Override
  public void setLength(int length) {
    this.length = length;
  }

  @Override
  public void setOffset(int offset) {
    this.offset = offset;
  }

  @Override
  public boolean isInvalid() {
    return buffer == null || offset < 0 || length < 0 || offset + length > buffer.length;
  }

  @Override
  public void readRegionToBuff(int off, int len, byte[] out) {
    System.arraycopy(buffer, offset + off, out, 0, len);
  }

  @Override
  public void grow(int howMuch) {
    if (offset + length + howMuch > buffer.length) {
      byte[] bigger = new byte[length + howMuch];
      System.arraycopy(buffer, offset, bigger, 0, length);
      buffer = bigger;
      offset = 0;
    }
  }

  @Override
  public void append(byte[] data, int len) {
    grow(len);
    System.arraycopy(data, 0, buffer, offset + length, len);
    length += len;
  }

  @Override
  public void shrink(int len) {
    length = Math.max(0, length - len);
  }
}
