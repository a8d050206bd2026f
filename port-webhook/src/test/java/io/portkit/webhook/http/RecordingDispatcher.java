package io.portkit.webhook.http;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.invocation.RunInvocation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Records every invocation and answers with a scripted outcome. */
public final class RecordingDispatcher implements InvocationDispatcher {
  private final List<RunInvocation> received = new CopyOnWriteArrayList<>();
  private volatile Function<RunInvocation, DispatchOutcome> answer =
      r -> DispatchOutcome.accepted();

  /** Sets what the next dispatches return (or throw). */
  public void answer(Function<RunInvocation, DispatchOutcome> answer) {
    this.answer = answer;
  }

  /** Returns what was dispatched so far. */
  public List<RunInvocation> received() {
    return received;
  }

  @Override
  public DispatchOutcome dispatch(RunInvocation invocation) {
    received.add(invocation);
    return answer.apply(invocation);
  }
}
