package io.switchboard.gateway.torture;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts how many torture-message tests of a class passed and prints "N of M torture messages handled as the RFC
 * says" when the class is done, so a run shows the conformance figure at a glance (issue #14's acceptance line).
 */
public final class RfcConformanceSummary implements TestWatcher, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
      RfcConformanceSummary.class);

  @Override
  public void testSuccessful(ExtensionContext context) {
    tally(context, "handled").incrementAndGet();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    tally(context, "mishandled").incrementAndGet();
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    tally(context, "mishandled").incrementAndGet();
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    tally(context, "mishandled").incrementAndGet();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    int handled = tally(context, "handled").get();
    int all = handled + tally(context, "mishandled").get();
    System.out.println(handled + " of " + all + " torture messages handled as the RFC says ("
        + context.getDisplayName() + ")");
  }

  private static AtomicInteger tally(ExtensionContext context, String key) {
    ExtensionContext classContext = context.getParent().filter(p -> p.getTestMethod().isEmpty()
        && context.getTestMethod().isPresent()).orElse(context);
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> new AtomicInteger(), AtomicInteger.class);
  }
}
