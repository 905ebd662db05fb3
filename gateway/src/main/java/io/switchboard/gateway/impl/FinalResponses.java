package io.switchboard.gateway.impl;

import io.switchboard.gateway.OutboundLeg.EndReason;

/** What a final error response to our INVITE means for the person who dialled (RFC 3261 §21.4-21.6). */
final class FinalResponses {

  private FinalResponses() {
  }

  static EndReason reason(int status) {
    return switch (status) {
      case 486, 600 -> EndReason.BUSY;
      case 408, 480 -> EndReason.NO_ANSWER;
      case 403, 603, 607 -> EndReason.REJECTED;
      case 404, 410, 484, 485, 604 -> EndReason.NUMBER_INVALID;
      case 487 -> EndReason.CANCELLED;
      case 488, 606, 415 -> EndReason.INCOMPATIBLE;
      case 401, 407 -> EndReason.AUTH_FAILED;
      default -> status >= 500 && status < 600 ? EndReason.UNREACHABLE : EndReason.FAILED;
    };
  }
}
