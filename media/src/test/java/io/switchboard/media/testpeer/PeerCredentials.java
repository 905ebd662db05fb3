package io.switchboard.media.testpeer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;

/**
 * One ice4j {@link StunStack} for every test peer in the JVM (a stack per peer would cost threads and memory), with
 * the ICE passwords of each peer's session looked up by its local ufrag. We use the stack only to encode signed
 * Binding requests: RFC 8445 §7.2.2, USERNAME is "receiver ufrag:sender ufrag" and the integrity key is the
 * receiver's password.
 */
final class PeerCredentials {
  private record Session(String localPwd, String remotePwd) {
  }

  private static final Map<String, Session> BY_LOCAL_UFRAG = new ConcurrentHashMap<>();
  private static final StunStack STACK = new StunStack();

  static {
    STACK.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
      @Override
      public byte[] getLocalKey(String username) {
        Session s = BY_LOCAL_UFRAG.get(firstPart(username));
        return s == null ? null : s.localPwd().getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] getRemoteKey(String username, String media) {
        int colon = username.indexOf(':');
        Session s = colon < 0 ? null : BY_LOCAL_UFRAG.get(username.substring(colon + 1));
        return s == null ? null : s.remotePwd().getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public boolean checkLocalUserName(String username) {
        return BY_LOCAL_UFRAG.containsKey(firstPart(username));
      }
    });
  }

  private PeerCredentials() {
  }

  static StunStack stunStack() {
    return STACK;
  }

  static void register(String localUfrag, String localPwd, String remotePwd) {
    BY_LOCAL_UFRAG.put(localUfrag, new Session(localPwd, remotePwd));
  }

  static void unregister(String localUfrag) {
    BY_LOCAL_UFRAG.remove(localUfrag);
  }

  private static String firstPart(String username) {
    int colon = username.indexOf(':');
    return colon < 0 ? username : username.substring(0, colon);
  }
}
