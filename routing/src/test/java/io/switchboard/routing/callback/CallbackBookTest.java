package io.switchboard.routing.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackBookTest {

  private final ManualClock clock = new ManualClock();
  private final CallbackBook book = new CallbackBook(clock, Duration.ofMinutes(10), 3);

  @Test
  void fiveMissedCallsFromOneCaller_oneCallbackThatKeepsTheFirstTime() {
    var first = clock.instant();
    assertThat(book.missed("+380441234567", "support", "abandoned after 95 s").kind())
        .isEqualTo(CallbackBook.Result.Kind.CREATED);
    for (int i = 0; i < 4; i++) {
      clock.advanceSeconds(60);
      var r = book.missed("+380441234567", "support", "no answer");
      assertThat(r.kind()).isEqualTo(CallbackBook.Result.Kind.MERGED);
      assertThat(r.reason()).contains("already pending");
    }
    assertThat(book.pending()).hasSize(1);
    PendingCallback p = book.find("+380441234567").orElseThrow();
    assertThat(p.missedCalls()).isEqualTo(5);
    assertThat(p.firstMissed()).isEqualTo(first);
    assertThat(p.lastMissed()).isEqualTo(clock.instant());
  }

  @Test
  void oldestMissedIsCalledBackFirst_evenIfTheyTriedAgainLater() {
    book.missed("+380440000001", "support", "abandoned");
    clock.advanceSeconds(30);
    book.missed("+380440000002", "support", "abandoned");
    clock.advanceSeconds(30);
    book.missed("+380440000001", "support", "abandoned again");
    assertThat(book.nextDue().orElseThrow().number()).isEqualTo("+380440000001");
  }

  @Test
  void anonymousOrNonE164CallerIsNotBooked() {
    assertThat(book.missed(null, "support", "abandoned").kind()).isEqualTo(CallbackBook.Result.Kind.IGNORED);
    assertThat(book.missed("0441234567", "support", "abandoned").reason()).contains("not E.164");
    assertThat(book.pending()).isEmpty();
  }

  @Test
  void failedDialRetriesLater_thenGivesUpAfterTheLastAttempt() {
    book.missed("+380441234567", "support", "abandoned");
    assertThat(book.dialFailed("+380441234567")).isPresent();
    assertThat(book.nextDue()).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    assertThat(book.nextDue()).isPresent();
    assertThat(book.dialFailed("+380441234567")).isPresent();
    assertThat(book.dialFailed("+380441234567")).isEmpty();
    assertThat(book.pending()).isEmpty();
  }

  @Test
  void callerWhoGetsThroughIsNoLongerOwedACallback() {
    book.missed("+380441234567", "support", "abandoned");
    assertThat(book.reached("+380441234567")).isTrue();
    assertThat(book.reached("+380441234567")).isFalse();
    assertThat(book.missed("+380441234567", "support", "abandoned").kind())
        .isEqualTo(CallbackBook.Result.Kind.CREATED);
  }
}
