package io.portkit.client.testing;

import io.portkit.client.Sleeper;
import io.portkit.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records requested sleeps and advances a {@link MutableClock} instead of sleeping. */
public final class RecordingSleeper implements Sleeper {
  private final MutableClock clock;
  private final List<Duration> sleeps = new ArrayList<>();

  /** Creates a sleeper advancing {@code clock}. */
  public RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  /** Returns the recorded sleeps in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
