package io.switchboard.routing.flow;

import java.util.List;

/**
 * A known customer, as the server's CRM/history answers: who they are and the people of their cascade. Agent ids
 * may be null where the customer has none (no personal manager yet, never spoke with anybody).
 */
public record Customer(String id, String language, String personalManager, List<String> backupManagers,
    String lastAgent, String supervisor) {

  public Customer {
    backupManagers = backupManagers == null ? List.of() : List.copyOf(backupManagers);
  }
}
