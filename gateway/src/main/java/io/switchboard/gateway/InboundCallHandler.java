package io.switchboard.gateway;

/** Receives calls that passed the trunk checks. Called on the gateway's Vert.x context. */
@FunctionalInterface
public interface InboundCallHandler {
  void onIncomingCall(SipLeg leg);
}
