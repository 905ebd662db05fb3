package io.switchboard.routing.flow;

import java.util.Optional;

/**
 * New or known caller, by E.164 number. The server implements it; since the runner never blocks, the server looks
 * the number up before it starts the run (the number is known from the INVITE) and answers from that result.
 */
public interface CustomerLookup {

  Optional<Customer> find(String e164);

  static CustomerLookup none() {
    return number -> Optional.empty();
  }
}
