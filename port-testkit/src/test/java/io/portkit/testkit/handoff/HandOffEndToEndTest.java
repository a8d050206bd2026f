package io.portkit.testkit.handoff;

import static io.portkit.testkit.handoff.HandOffRig.WAIT;
import static io.portkit.testkit.handoff.HandOffRig.ci;
import static io.portkit.testkit.handoff.HandOffRig.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.Completion;
import io.portkit.backend.dispatch.HandOffResult;
import io.portkit.backend.dispatch.HandOffs;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs handed off to a pretend CI and completed by its signed callback, by code, through Port, at
 * the deadline, and twice; against the emulator over HTTP.
 */
class HandOffEndToEndTest {
  @TempDir Path dir;

  @Test
  void signedCallback_completesTheRun_withLinksKeptAndTheLastLog() {
    try (PortEmulator port = PortEmulator.start();
        HandOffRig rig = new HandOffRig(port, null)) {
      String id = rig.handOffARun();
      String job = "job-" + id;
      EmulatedRun waiting = port.run(id).orElseThrow();

      HttpResponse<String> answer = rig.signedCallback(ci(job, "passed"));

      assertThat(waiting.status()).isEqualTo(RunStatus.IN_PROGRESS);
      assertThat(waiting.externalRunId()).isEqualTo(job);
      assertThat(waiting.statusLabel()).isEqualTo("waiting for the CI's callback");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(json(answer).path("status").asText()).isEqualTo("completed");
      EmulatedRun done = port.awaitRun(id, RunStatus.SUCCESS, WAIT);
      assertThat(done.summary()).isEqualTo("pipeline passed");
      assertThat(done.statusLabel()).isEqualTo("completed");
      assertThat(done.links())
          .containsExactly(
              "https://ci.example.com/" + job, "https://ci.example.com/" + job + "/report");
      assertThat(done.logs()).extracting(RunLogEntry::message).containsExactly("CI says: passed");
    }
  }

  @Test
  void callback_unsignedWrongSecretOrStale_isRefused401_andTheRunStaysAwaited() {
    try (PortEmulator port = PortEmulator.start();
        HandOffRig rig = new HandOffRig(port, null)) {
      String id = rig.handOffARun();
      String body = ci("job-" + id, "passed");

      HttpResponse<String> unsigned = rig.callback(body, null, rig.clock.instant());
      HttpResponse<String> wrong = rig.callback(body, "not-the-ci-secret", rig.clock.instant());
      HttpResponse<String> stale =
          rig.callback(body, HandOffRig.CI_SECRET, rig.clock.instant().minusSeconds(600));

      assertThat(unsigned.statusCode()).isEqualTo(401);
      assertThat(json(unsigned).path("message").asText())
          .isEqualTo("no X-Hub-Signature-256 header: the callback is unsigned");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(stale.statusCode()).isEqualTo(401);
      assertThat(json(stale).path("message").asText()).contains("signed 600 s from now");
      assertThat(port.run(id).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
      assertThat(rig.backend.handOffs().pending()).hasSize(1);
    }
  }

  @Test
  void callback_twice_secondIs409AndChangesNothing_unknownJobIs404_progressIs202() {
    try (PortEmulator port = PortEmulator.start();
        HandOffRig rig = new HandOffRig(port, null)) {
      String id = rig.handOffARun();
      String job = "job-" + id;

      HttpResponse<String> progress = rig.signedCallback(ci(job, "running"));
      HttpResponse<String> first = rig.signedCallback(ci(job, "failed"));
      EmulatedRun afterFirst = port.awaitRun(id, RunStatus.FAILURE, WAIT);
      HttpResponse<String> second = rig.signedCallback(ci(job, "passed"));
      HttpResponse<String> unknown = rig.signedCallback(ci("job-nobody", "passed"));
      HttpResponse<String> garbled = rig.signedCallback("{\"status\":\"passed\"}");

      assertThat(progress.statusCode()).isEqualTo(202);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(second.statusCode()).isEqualTo(409);
      assertThat(json(second).path("error").asText()).isEqualTo("already_finished");
      assertThat(json(second).path("message").asText())
          .isEqualTo("run " + id + " (" + job + ") had already ended FAILURE: nothing changed");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(garbled.statusCode()).isEqualTo(400);
      assertThat(port.run(id).orElseThrow()).isEqualTo(afterFirst);
    }
  }

  @Test
  void deadline_passesWithoutCallback_runEndsFailureSayingSo_andALateCallbackIs409() {
    try (PortEmulator port = PortEmulator.start();
        HandOffRig rig = new HandOffRig(port, null)) {
      String id = rig.handOffARun();

      rig.clock.advance(Duration.ofMinutes(61));
      int expired = rig.backend.handOffs().expireOverdue();
      EmulatedRun failed = port.awaitRun(id, RunStatus.FAILURE, WAIT);
      HttpResponse<String> late = rig.signedCallback(ci("job-" + id, "passed"));

      assertThat(expired).isOne();
      assertThat(failed.statusLabel()).isEqualTo("no completion");
      assertThat(failed.summary())
          .isEqualTo(
              "no completion came from the CI's callback for job-"
                  + id
                  + " by the deadline 2026-03-01T10:00:00Z: see whether it finished there, then"
                  + " run the action again");
      assertThat(late.statusCode()).isEqualTo(409);
      assertThat(json(late).path("error").asText()).isEqualTo("past_deadline");
      assertThat(port.run(id).orElseThrow().status()).isEqualTo(RunStatus.FAILURE);
    }
  }

  @Test
  void byCode_fromTheBackend_andFromAnotherProcessThroughPort() {
    try (PortEmulator port = PortEmulator.start()) {
      String inMemory;
      String leftInPort;
      try (HandOffRig rig = new HandOffRig(port, RunJournal.open(dir))) {
        inMemory = rig.handOffARun();
        leftInPort = rig.handOffARun();

        Completion c =
            rig.backend.handOffs().completeRun(inMemory, HandOffResult.success("done by code"));

        assertThat(c.isCompleted()).isTrue();
        assertThat(port.awaitRun(inMemory, RunStatus.SUCCESS, WAIT).summary())
            .isEqualTo("done by code");
      } // closed with a journal: the other hand-off stays IN_PROGRESS in Port
      PortClient client =
          PortClient.builder().baseUri(port.baseUri()).credentials(port.credentials()).build();
      HandOffs remote = HandOffs.remote(client);

      Completion found = remote.complete("job-" + leftInPort, HandOffResult.success("via Port"));
      Completion again = remote.complete("job-" + leftInPort, HandOffResult.failure("again"));
      Completion none = remote.complete("job-unknown", HandOffResult.success(null));

      assertThat(found.kind()).isEqualTo(Completion.Kind.COMPLETED);
      assertThat(found.runId()).isEqualTo(leftInPort);
      EmulatedRun done = port.awaitRun(leftInPort, RunStatus.SUCCESS, WAIT);
      assertThat(done.summary()).isEqualTo("via Port");
      assertThat(done.links()).containsExactly("https://ci.example.com/job-" + leftInPort);
      assertThat(again.kind()).isEqualTo(Completion.Kind.ALREADY_FINISHED);
      assertThat(none.kind()).isEqualTo(Completion.Kind.NOT_FOUND);
      assertThat(port.requests())
          .anyMatch(
              r -> r.path().equals("/v1/actions/runs") && r.query().contains("external_run_id"));
    }
  }
}
