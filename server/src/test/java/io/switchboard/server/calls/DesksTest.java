package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentCommands;
import io.switchboard.signaling.AgentConnection;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Desks} must hand every command on: a command it does not override falls to the interface's default, which
 * refuses — that is how agents lost {@code call.dial} once (the frame reached Desks, never the AgentDesk).
 */
class DesksTest {

  @Test
  void everyCommand_reachesTheDeskOfTheAccountsRole() throws Exception {
    List<String> agentDesk = new ArrayList<>();
    List<String> supervisorDesk = new ArrayList<>();
    Desks desks = new Desks(recording(agentDesk), recording(supervisorDesk));
    AgentConnection agent = connection(List.of(AgentAccount.AGENT));
    AgentConnection supervisor = connection(List.of(AgentAccount.SUPERVISOR));

    List<String> commands = new ArrayList<>();
    for (Method m : AgentCommands.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      commands.add(m.getName());
      m.invoke(desks, arguments(m, agent));
      m.invoke(desks, arguments(m, supervisor));
    }

    assertThat(agentDesk).containsExactlyElementsOf(commands);
    assertThat(supervisorDesk).containsExactlyElementsOf(commands);
    assertThat(commands).contains("dial", "answer", "mediaOffer");
  }

  private static AgentCommands recording(List<String> calls) {
    return (AgentCommands) Proxy.newProxyInstance(AgentCommands.class.getClassLoader(),
        new Class<?>[] {AgentCommands.class}, (proxy, method, args) -> {
          calls.add(method.getName());
          return null;
        });
  }

  private static AgentConnection connection(List<String> roles) {
    AgentAccount account = new AgentAccount("a1", "alice", "Alice", "hash", roles);
    return (AgentConnection) Proxy.newProxyInstance(AgentConnection.class.getClassLoader(),
        new Class<?>[] {AgentConnection.class}, (proxy, method, args) -> {
          if (method.getName().equals("agent")) {
            return account;
          }
          if (Set.of("hashCode").contains(method.getName())) {
            return System.identityHashCode(proxy);
          }
          return method.getReturnType() == boolean.class ? false : null;
        });
  }

  private static Object[] arguments(Method m, AgentConnection c) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = types[i] == AgentConnection.class ? c : types[i] == boolean.class ? Boolean.FALSE : null;
    }
    return args;
  }
}
