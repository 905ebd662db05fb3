package io.switchboard.signaling;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the agent protocol, validated when built (fail fast at startup).
 *
 * @param jwtSecret          HS256 key for login tokens, at least 32 bytes (RFC 7518 §3.2: key ≥ hash output size)
 * @param tokenLifetime      how long a login token is valid (12 h: one shift), whole seconds
 * @param authTimeout        how long a new socket may take to send {@code auth} (10 s)
 * @param maxFrameBytes      largest client message (64 KiB); larger closes the socket with 1009
 * @param maxFramesPerSecond client messages per second per socket (50); more get {@code rate_limited}
 * @param loginLockout       lockout of password guessers on login (per address and per username, with back-off)
 */
public record SignalingConfig(Buffer jwtSecret, Duration tokenLifetime, Duration authTimeout, int maxFrameBytes,
                              int maxFramesPerSecond, LoginLockoutConfig loginLockout) {

  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(12);
  public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_FRAMES_PER_SECOND = 50;

  public SignalingConfig {
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    if (jwtSecret.length() < 32) {
      throw new IllegalArgumentException("jwtSecret must be at least 32 bytes, was " + jwtSecret.length());
    }
    jwtSecret = jwtSecret.copy();
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    if (tokenLifetime.toSeconds() < 1 || tokenLifetime.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tokenLifetime must be between 1 s and " + Integer.MAX_VALUE + " s, was "
          + tokenLifetime);
    }
    Objects.requireNonNull(authTimeout, "authTimeout");
    if (authTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("authTimeout must be positive, was " + authTimeout);
    }
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 1024, was " + maxFrameBytes);
    }
    if (maxFramesPerSecond < 1) {
      throw new IllegalArgumentException("maxFramesPerSecond must be at least 1, was " + maxFramesPerSecond);
    }
    Objects.requireNonNull(loginLockout, "loginLockout");
  }

  /** The defaults (12 h tokens, 10 s to authenticate, 64 KiB frames, 50 frames/s) with this secret. */
  public static SignalingConfig withSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    return new SignalingConfig(Buffer.buffer(secret), DEFAULT_TOKEN_LIFETIME, DEFAULT_AUTH_TIMEOUT,
        DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_FRAMES_PER_SECOND, LoginLockoutConfig.defaults());
  }

  /** A copy: the secret cannot be changed through this record. */
  @Override
  public Buffer jwtSecret() {
    return jwtSecret.copy();
  }

  public SignalingConfig withTokenLifetime(Duration lifetime) {
    return new SignalingConfig(jwtSecret, lifetime, authTimeout, maxFrameBytes, maxFramesPerSecond, loginLockout);
  }

  public SignalingConfig withAuthTimeout(Duration timeout) {
    return new SignalingConfig(jwtSecret, tokenLifetime, timeout, maxFrameBytes, maxFramesPerSecond, loginLockout);
  }

  public SignalingConfig withMaxFrameBytes(int bytes) {
    return new SignalingConfig(jwtSecret, tokenLifetime, authTimeout, bytes, maxFramesPerSecond, loginLockout);
  }

  public SignalingConfig withMaxFramesPerSecond(int frames) {
    return new SignalingConfig(jwtSecret, tokenLifetime, authTimeout, maxFrameBytes, frames, loginLockout);
  }

  public SignalingConfig withLoginLockout(LoginLockoutConfig lockout) {
    return new SignalingConfig(jwtSecret, tokenLifetime, authTimeout, maxFrameBytes, maxFramesPerSecond, lockout);
  }

  /** Leaves the secret out, so the config can be logged. */
  @Override
  public String toString() {
    return "SignalingConfig[jwtSecret=<" + jwtSecret.length() + " bytes>, tokenLifetime=" + tokenLifetime
        + ", authTimeout=" + authTimeout + ", maxFrameBytes=" + maxFrameBytes + ", maxFramesPerSecond="
        + maxFramesPerSecond + "]";
  }
}
