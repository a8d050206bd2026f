package io.portkit.examples.ci;

import io.portkit.backend.callback.CallbackCompletion;
import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.HandOffResult;
import io.portkit.client.run.FinalStatus;
import java.util.Optional;

/** The backend's side of the CI's callback: verify it, and read which job ended and how. */
public final class CiCallback {
  /** The path the backend takes the CI's callbacks on. */
  public static final String PATH = "/callbacks/ci";

  private CiCallback() {}

  /** Returns the callback for the CI's body, verified with {@code secret}. */
  public static HandOffCallback create(String secret) {
    return HandOffCallback.builder("ci")
        .verifier(CiStandIn.verifier(secret))
        .mapper(
            body -> {
              String job = body.path("job").asText("");
              String status = body.path("status").asText("");
              if (job.isEmpty() || status.isEmpty()) {
                throw new IllegalArgumentException("a CI callback names \"job\" and \"status\"");
              }
              HandOffResult.Builder result =
                  HandOffResult.builder(
                          status.equals("passed") ? FinalStatus.SUCCESS : FinalStatus.FAILURE)
                      .summary("CI job " + job + " " + status)
                      .lastLog("the CI called back: " + job + " " + status);
              if (body.path("url").isTextual()) {
                result.link(body.path("url").asText());
              }
              return Optional.of(CallbackCompletion.ofExternalId(job, result.build()));
            })
        .build();
  }
}
