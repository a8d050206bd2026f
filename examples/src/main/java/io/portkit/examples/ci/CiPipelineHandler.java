package io.portkit.examples.ci;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.HandOff;
import io.portkit.client.run.RunContext;
import io.portkit.examples.handlers.ScenarioHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * {@code run_ci_pipeline}: starts a job on the CI (inputs {@code pipeline}, {@code calls_back}),
 * links it, and hands the run off to the CI's signed callback with a deadline. The run stays
 * IN_PROGRESS after the handler returns: the callback ends it, or the deadline does.
 *
 * <p>Immutable and thread-safe.
 */
public final class CiPipelineHandler implements ScenarioHandler {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI jobs;
  private final Supplier<URI> callback;
  private final Duration deadline;
  private final Clock clock;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * Creates the handler.
   *
   * @param jobs where the CI starts jobs
   * @param callback the backend's callback URL the CI calls back (known once the receiver runs)
   * @param deadline how long a run waits for the callback
   */
  public CiPipelineHandler(URI jobs, Supplier<URI> callback, Duration deadline, Clock clock) {
    this.jobs = requireNonNull(jobs, "jobs == null");
    this.callback = requireNonNull(callback, "callback == null");
    this.deadline = requireNonNull(deadline, "deadline == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  @Override
  public void handle(RunInvocation request, RunContext run) throws InterruptedException {
    String pipeline = request.inputs().path("pipeline").asText("build");
    boolean callsBack = request.inputs().path("calls_back").asBoolean(true);
    run.statusLabel("starting pipeline " + pipeline);
    JsonNode job = start(pipeline, callsBack);
    run.addLink(job.path("url").asText());
    run.log("CI job " + job.path("job").asText() + " started; waiting for its signed callback");
    run.handOff(
        HandOff.of(
            job.path("job").asText(),
            clock.instant().plus(deadline).truncatedTo(ChronoUnit.SECONDS),
            "the CI's signed callback to " + callback.get().getPath()));
  }

  private JsonNode start(String pipeline, boolean callsBack) throws InterruptedException {
    ObjectNode body =
        MAPPER
            .createObjectNode()
            .put("pipeline", pipeline)
            .put("callback", callback.get().toString())
            .put("calls_back", callsBack);
    try {
      HttpResponse<byte[]> answer =
          http.send(
              HttpRequest.newBuilder(jobs)
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 201) {
        throw new IllegalStateException("the CI refused the job: HTTP " + answer.statusCode());
      }
      return MAPPER.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException("the CI at " + jobs + " cannot be reached", e);
    }
  }
}
