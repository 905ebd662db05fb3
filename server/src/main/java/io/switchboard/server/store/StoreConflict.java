package io.switchboard.server.store;

/** A write refused because it would break a unique index (MongoDB error 11000), e.g. a number two customers share. */
public final class StoreConflict extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StoreConflict(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** The failure as a {@link StoreConflict} when it is a duplicate key, else unchanged. */
  static Throwable translate(Throwable failure, String message) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (text.contains("E11000") || (t instanceof com.mongodb.MongoException m && m.getCode() == 11000)) {
        return new StoreConflict(message, failure);
      }
    }
    return failure;
  }
}
