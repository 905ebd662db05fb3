package io.switchboard.gateway.impl;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import io.switchboard.gateway.SipTrafficObserver;
import io.vertx.core.Context;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The gateway's JAIN-SIP listener: what runs on the stack's own threads. It creates server transactions (so
 * retransmissions are absorbed at once), checks methods and headers (RFC 3261 §8.2), screens new INVITEs, answers
 * OPTIONS and methods we do not take, and hands everything that touches legs or registrations to the gateway's
 * context ({@link SipGatewayImpl}).
 */
final class StackListener implements SipListenerExt {

  private static final Logger LOG = Logger.getLogger(StackListener.class.getName());
  /** Methods we handle outside a dialog (the rest get 405 or 501). */
  private static final Set<String> SERVED_METHODS = Set.of("INVITE", "OPTIONS", "BYE", "INFO");
  /** Methods we know but do not take outside a dialog: 405, everything else unknown: 501 (RFC 3261 §8.2.1). */
  private static final Set<String> KNOWN_METHODS = Set.of("REGISTER", "SUBSCRIBE", "NOTIFY", "MESSAGE", "REFER",
      "UPDATE", "PRACK", "PUBLISH", "BYE", "INFO");

  /** Its user agent, screening and checks are read on each request: the stack may call before they are set. */
  private final SipGatewayImpl gateway;
  private final Context context;
  private final GatewayCounters counters;
  private final SipTrafficObserver observer;
  /** The calls the gateway placed, by Call-ID (written on its context only). */
  private final Map<String, OutboundLegImpl> outbound;

  StackListener(SipGatewayImpl gateway, Context context, GatewayCounters counters, SipTrafficObserver observer,
      Map<String, OutboundLegImpl> outbound) {
    this.gateway = gateway;
    this.context = context;
    this.counters = counters;
    this.observer = observer;
    this.outbound = outbound;
  }

  @Override
  public void processRequest(RequestEvent event) {
    try {
      observer.requestReceived(event.getRequest().getMethod());
      onRequest(event);
    } catch (RuntimeException e) {
      counters.increment("listener_errors");
      LOG.log(Level.WARNING, "failed to process " + event.getRequest().getMethod(), e);
    }
  }

  @Override
  public void processResponse(ResponseEvent event) {
    ClientTransaction tx = event.getClientTransaction();
    Response response = event.getResponse();
    if (tx != null && tx.getApplicationData() instanceof TrunkRegistration registration) {
      context.runOnContext(v -> registration.onResponse(response));
      return;
    }
    if (tx != null && tx.getApplicationData() instanceof OutgoingRefer refer) {
      context.runOnContext(v -> refer.onResponse(response));
      return;
    }
    if (tx != null && tx.getApplicationData() instanceof OutboundLegImpl leg) {
      javax.sip.Dialog dialog = event.getDialog();
      context.runOnContext(v -> leg.onResponse(response, tx, dialog));
      return;
    }
    if (tx == null) {
      // A 2xx retransmitted after its transaction ended (RFC 3261 §13.2.2.4): the leg acknowledges it again.
      OutboundLegImpl leg = outbound.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
      if (leg != null) {
        javax.sip.Dialog dialog = event.getDialog();
        context.runOnContext(v -> leg.onResponse(response, null, dialog));
      }
    }
    // Responses to our BYEs need nothing: the dialog is already over on our side.
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    if (!event.isServerTransaction()
        && event.getClientTransaction().getApplicationData() instanceof TrunkRegistration registration) {
      context.runOnContext(v -> registration.onTimeout());
    }
    if (!event.isServerTransaction()
        && event.getClientTransaction().getApplicationData() instanceof OutboundLegImpl leg) {
      ClientTransaction tx = event.getClientTransaction();
      context.runOnContext(v -> leg.onTimeout(tx));
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    counters.increment("io_errors");
    LOG.fine(() -> "I/O error toward " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {
  }

  @Override
  public void processDialogTimeout(DialogTimeoutEvent event) {
    // Our own ACK timer in SipLegImpl handles a missing ACK (and sends the BYE).
  }

  private void onRequest(RequestEvent event) {
    Request request = event.getRequest();
    String method = request.getMethod();
    if (method.equals(Request.ACK)) {
      // ACK to a 2xx has no transaction (RFC 3261 §17); ACK to an error is absorbed by the stack.
      context.runOnContext(v -> gateway.ack(request));
      return;
    }
    ServerTransaction tx = event.getServerTransaction();
    if (tx == null) {
      try {
        tx = gateway.ua.provider.getNewServerTransaction(request);
      } catch (TransactionAlreadyExistsException e) {
        return; // a retransmission racing the original: the stack answers it from the transaction
      } catch (TransactionUnavailableException e) {
        // The stack refuses a transaction to requests missing what it needs (e.g. an unparseable Max-Forwards).
        // Answer statelessly, keeping the order of the checks: unknown sources still learn only 403.
        LOG.log(Level.FINE, "no server transaction for " + method, e);
        if (method.equals(Request.INVITE) && !gateway.screening.fromKnownSource(request)) {
          counters.increment("rejected_source");
          gateway.ua.sendStateless(request, Response.FORBIDDEN);
        } else {
          counters.increment("rejected_malformed");
          gateway.ua.sendStateless(request, Response.BAD_REQUEST);
        }
        return;
      }
    }
    ServerTransaction transaction = tx;
    boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    // RFC 3261 §8.2: method first (405/501 below), then headers (416, 420); new INVITEs get these after the
    // source check, in InviteScreening, so unknown sources still learn only 403.
    boolean served = inDialog || SERVED_METHODS.contains(method);
    if (served && !(method.equals(Request.INVITE) && !inDialog) && gateway.uasChecks.refused(transaction, request)) {
      return;
    }
    switch (method) {
      case Request.OPTIONS -> options(transaction, request);
      case Request.CANCEL -> context.runOnContext(v -> gateway.cancel(transaction, request));
      case Request.INVITE -> {
        if (inDialog) {
          context.runOnContext(v -> gateway.inDialog(transaction, request));
          return;
        }
        counters.increment("invites");
        InviteScreening.Passed passed = gateway.screening.screen(request, transaction);
        if (passed != null) {
          gateway.ua.respond(transaction, request, Response.TRYING, null);
          gateway.acceptOnContext(passed, transaction, request);
        }
      }
      default -> {
        if (inDialog) {
          context.runOnContext(v -> gateway.inDialog(transaction, request));
        } else if (method.equals(Request.REFER)) {
          // RFC 3515 §2.4.2: a REFER we do not accept gets 403; outside a call there is nothing to hand over.
          IncomingRefer.refused(counters, "outside any dialog (call " + ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId() + ")", request,
              Response.FORBIDDEN, "REFER is taken only within a call");
          IncomingRefer.respond(gateway.ua, transaction, request, Response.FORBIDDEN,
              "REFER is taken only within a call");
        } else if (method.equals(Request.BYE) || method.equals(Request.INFO)) {
          gateway.ua.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        } else if (KNOWN_METHODS.contains(method)) {
          refuseMethod(transaction, request, Response.METHOD_NOT_ALLOWED);
        } else {
          refuseMethod(transaction, request, Response.NOT_IMPLEMENTED);
        }
      }
    }
  }

  /** OPTIONS from anyone: 200 with what we allow and accept (RFC 3261 §11.2), the carriers' keepalive. */
  private void options(ServerTransaction tx, Request request) {
    counters.increment("options");
    try {
      Response ok = gateway.ua.response(request, Response.OK, UserAgentCore.newTag());
      gateway.ua.addAllowAndAccept(ok);
      gateway.ua.send(tx, ok);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build 200 to OPTIONS", e);
    }
  }

  /** 405 or 501, both with Allow (RFC 3261 §8.2.1; RFC 4475 §3.1.1.2: a 501 lists what we understand). */
  private void refuseMethod(ServerTransaction tx, Request request, int status) {
    try {
      Response response = gateway.ua.response(request, status, UserAgentCore.newTag());
      response.addHeader(gateway.ua.headers.createAllowHeader(UserAgentCore.ALLOW));
      gateway.ua.send(tx, response);
    } catch (ParseException e) {
      LOG.log(Level.WARNING, "cannot build " + status, e);
    }
  }
}
