package io.switchboard.server.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids minted in time order ({@code cu-0195f3a2b4c1-9f3e21ab}: prefix, milliseconds in hex, random), so sorting by
 * {@code _id} is newest-first and a page cursor is just the last id.
 */
public final class Ids {

  private Ids() {
  }

  public static String mint(String prefix) {
    return String.format("%s-%012x-%08x", prefix, System.currentTimeMillis(), ThreadLocalRandom.current().nextInt());
  }
}
