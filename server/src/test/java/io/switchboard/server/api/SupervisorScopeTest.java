package io.switchboard.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.signaling.AgentAccount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who hears a recording: admins all, agents their own, supervisors the members of their groups. */
class SupervisorScopeTest {

  /** Sam supervises the first line (Alice), not the second (Bob). */
  private static final Map<String, Set<String>> GROUPS = Map.of("a-sam", Set.of("a-alice"));
  private static final SupervisorScope BY_GROUPS = (supervisor, agent) ->
      GROUPS.getOrDefault(supervisor, Set.of()).contains(agent);

  private static AgentAccount account(String id, String... roles) {
    return new AgentAccount(id, id, id, "hash", List.of(roles));
  }

  @Test
  void aSupervisorHearsTheirGroups_notOthers() {
    AgentAccount sam = account("a-sam", AgentAccount.SUPERVISOR);

    assertThat(CallsApi.mayHear(BY_GROUPS, sam, "a-alice")).isTrue();
    assertThat(CallsApi.mayHear(BY_GROUPS, sam, "a-bob")).isFalse();
    assertThat(CallsApi.mayHear(BY_GROUPS, sam, null)).as("nobody answered: passes, then 404 no recording").isTrue();
    assertThat(CallsApi.mayHear(BY_GROUPS, account("a-alice", AgentAccount.AGENT), null)).isFalse();
    assertThat(CallsApi.mayHear(SupervisorScope.EVERYONE, sam, "a-bob")).isTrue();
  }

  @Test
  void anAdminHearsAll_anAgentOnlyTheirOwn_whateverTheScope() {
    SupervisorScope nobody = (supervisor, agent) -> false;

    assertThat(CallsApi.mayHear(nobody, account("a-ada", AgentAccount.ADMIN), "a-bob")).isTrue();
    assertThat(CallsApi.mayHear(nobody, account("a-bob", AgentAccount.AGENT), "a-bob")).isTrue();
    assertThat(CallsApi.mayHear(BY_GROUPS, account("a-alice", AgentAccount.AGENT), "a-bob")).isFalse();
    // An agent who is also a supervisor: their own calls, and their group's.
    AgentAccount both = account("a-sam", AgentAccount.AGENT, AgentAccount.SUPERVISOR);
    assertThat(CallsApi.mayHear(BY_GROUPS, both, "a-sam")).isTrue();
    assertThat(CallsApi.mayHear(BY_GROUPS, both, "a-alice")).isTrue();
  }
}
