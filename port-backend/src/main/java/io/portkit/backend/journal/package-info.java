/**
 * A durable run journal: {@link io.portkit.backend.journal.RunJournal} records, on disk and before
 * the webhook is acknowledged, each run the dispatcher accepted and each run it finished, so a
 * backend killed without warning (SIGKILL, power loss, OOM kill) finds its unfinished runs when it
 * starts again and ends each one instead of leaving it IN_PROGRESS in Port.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.backend.journal;

import org.jspecify.annotations.NullMarked;
