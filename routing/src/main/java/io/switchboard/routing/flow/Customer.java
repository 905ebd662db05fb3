package io.switchboard.routing.flow;

import java.util.List;

/**
 * A known customer, as the server's CRM/history answers: who they are and the people of their cascade. Agent ids
 * may be null where the customer has none (no personal manager yet, never spoke with anybody). The CRM's flags put
 * the customer on the black list or the VIP list of every flow, whatever numbers the flow itself lists.
 */
public record Customer(String id, String language, String personalManager, List<String> backupManagers,
    String lastAgent, String supervisor, boolean blacklisted, boolean vip) {

  public Customer {
    backupManagers = backupManagers == null ? List.of() : List.copyOf(backupManagers);
  }

  /** A customer with neither CRM flag (black list, VIP). */
  public Customer(String id, String language, String personalManager, List<String> backupManagers, String lastAgent,
      String supervisor) {
    this(id, language, personalManager, backupManagers, lastAgent, supervisor, false, false);
  }
}
