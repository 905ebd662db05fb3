package io.switchboard.server.api;

import io.switchboard.server.store.Incidents;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The body of {@code POST /api/calls/{id}/wrap-up}: the agent's disposition (required), notes, whether the caller's
 * matter was resolved on this first contact, and optionally an incident to open or to update.
 */
record WrapUpInput(String disposition, String notes, boolean firstContactResolution, NewIncident create,
                   IncidentChange update) {

  static final int MAX_NOTES = 4000;
  static final Set<String> FIELDS = Set.of("disposition", "notes", "firstContactResolution", "incident");

  /** {@code incident.create}: a new incident for the caller, priority as the seed articles rank them. */
  record NewIncident(int priority, String title, String description) {
  }

  /** {@code incident.update}: an incident of the caller's to link this call to, with a new status or a note. */
  record IncidentChange(String id, String status, String note) {
  }

  static WrapUpInput of(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx, FIELDS);
    String disposition = body.string("disposition", 64, true);
    String notes = body.text("notes", MAX_NOTES);
    boolean fcr = body.bool("firstContactResolution", false);
    JsonBody incident = body.object("incident", Set.of("create", "update"), false);
    NewIncident create = null;
    IncidentChange update = null;
    if (incident != null) {
      JsonBody c = incident.object("create", Set.of("priority", "title", "description"), false);
      JsonBody u = incident.object("update", Set.of("id", "status", "note"), false);
      if ((c == null) == (u == null)) {
        throw ApiProblem.badRequest("incident must have exactly one of create or update");
      }
      if (c != null) {
        create = new NewIncident(c.integer("priority", 1, 4, true), c.string("title", 200, true),
            c.string("description", 10_000, false));
      } else {
        String note = u.text("note", MAX_NOTES);
        update = new IncidentChange(u.id("id", true), u.oneOf("status", Incidents.STATUSES, false),
            note.isEmpty() ? null : note);
      }
    }
    return new WrapUpInput(disposition, notes, fcr, create, update);
  }
}
