/**
 * Runs action-run handlers for verified runs, whatever transport delivered them: {@link
 * io.portkit.backend.dispatch.RunDispatcher} routes each {@link
 * io.portkit.backend.invocation.RunInvocation} by action identifier to a {@link
 * io.portkit.backend.dispatch.RunHandler}, reports the outcome to Port (asynchronous actions) or
 * answers with it (synchronized actions), bounds the runs in flight, drops duplicate deliveries,
 * shuts down without leaving a run in progress and, with a {@link
 * io.portkit.backend.journal.RunJournal}, ends the runs a crash left unfinished.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.backend.dispatch;

import org.jspecify.annotations.NullMarked;
