package io.switchboard.media.impl.ice;

import io.switchboard.media.impl.pipeline.DropCounters;
import io.switchboard.media.impl.pipeline.DropReason;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;

/**
 * The lite side of ICE (RFC 8445 §2.5, §7.3): answers the browser's authenticated Binding requests on the shared
 * port and reports which session each belongs to (by the local ufrag in USERNAME) and whether it nominates the
 * pair (USE-CANDIDATE). A lite agent sends no checks of its own; the browser's periodic checks double as consent
 * (RFC 7675). Uses ice4j's STUN codec; the demultiplexing by ufrag is ours, so one socket serves every session.
 */
public final class IceLiteResponder {
  /** Where the responder finds a session's local password. */
  public interface Passwords {
    /** The local ICE password of the session whose local ufrag this is, or null if there is none. */
    String localPassword(String localUfrag);
  }

  /** A check that passed: answer with {@code response}. */
  public record Check(String localUfrag, String remoteUfrag, boolean useCandidate, byte[] response) {
  }

  private final Passwords passwords;
  private final StunStack stunStack;

  public IceLiteResponder(Passwords passwords) {
    this.passwords = passwords;
    this.stunStack = new StunStack();
    // ice4j signs MESSAGE-INTEGRITY of responses with the local key it finds here (RFC 8445 §7.3.1).
    stunStack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
      @Override
      public byte[] getLocalKey(String username) {
        String pwd = passwords.localPassword(username);
        return pwd == null ? null : pwd.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] getRemoteKey(String username, String media) {
        return null;
      }

      @Override
      public boolean checkLocalUserName(String username) {
        return passwords.localPassword(username) != null;
      }
    });
  }

  /**
   * Validates one STUN message. Returns the check to answer, or null after counting why it was dropped. Never
   * throws. Synchronized: the port's sockets call it from their loops, and ice4j's stack is not documented as
   * thread-safe (checks are a few per session and second, not the media path).
   */
  public synchronized Check answer(byte[] data, int length, InetSocketAddress from, DropCounters drops) {
    Message message;
    try {
      message = Message.decode(data, 0, length);
    } catch (StunException | RuntimeException e) {
      drops.drop(DropReason.STUN_MALFORMED);
      return null;
    }
    if (message.getMessageType() != Message.BINDING_REQUEST) {
      drops.drop(DropReason.STUN_NOT_BINDING_REQUEST);
      return null;
    }
    Attribute usernameAttribute = message.getAttribute(Attribute.USERNAME);
    if (!(usernameAttribute instanceof UsernameAttribute u)) {
      drops.drop(DropReason.STUN_UNKNOWN_USERNAME);
      return null;
    }
    // RFC 8445 §7.2.2: USERNAME is "<receiver ufrag>:<sender ufrag>".
    String username = new String(u.getUsername(), StandardCharsets.UTF_8);
    int colon = username.indexOf(':');
    if (colon <= 0) {
      drops.drop(DropReason.STUN_UNKNOWN_USERNAME);
      return null;
    }
    String localUfrag = username.substring(0, colon);
    String password = passwords.localPassword(localUfrag);
    if (password == null) {
      drops.drop(DropReason.STUN_UNKNOWN_USERNAME);
      return null;
    }
    if (!StunIntegrity.verify(data, length, password)) {
      drops.drop(DropReason.STUN_BAD_INTEGRITY);
      return null;
    }
    try {
      Response response = MessageFactory.createBindingResponse((Request) message,
          new TransportAddress(from, Transport.UDP));
      response.setTransactionID(message.getTransactionID());
      response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(localUfrag));
      response.putAttribute(AttributeFactory.createFingerprintAttribute());
      byte[] encoded = response.encode(stunStack);
      boolean useCandidate = message.containsAttribute(Attribute.USE_CANDIDATE);
      return new Check(localUfrag, username.substring(colon + 1), useCandidate, encoded);
    } catch (StunException | RuntimeException e) {
      drops.drop(DropReason.STUN_MALFORMED);
      return null;
    }
  }

  public void close() {
    stunStack.shutDown();
  }
}
