package io.portkit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** What a person sees when the secret is missing: Boot's failure report, one description. */
class StartupFailureReportTest {
  @Test
  void missingSecret_failureReportNamesThePropertyAndTheVariable_andNothingElse() {
    int before = MdcCapturingProvider.LINES.size();
    SpringApplication app = new SpringApplication(DeployApp.class);

    assertThatThrownBy(
            () ->
                app.run(
                    "--server.port=0",
                    "--portkit.client-id=my-client",
                    "--PORT_CLIENT_SECRET=",
                    "--portkit.client-secret="))
        .isNotNull();

    String report =
        MdcCapturingProvider.LINES.subList(before, MdcCapturingProvider.LINES.size()).stream()
            .map(MdcCapturingProvider.Line::message)
            .filter(m -> m.contains("APPLICATION FAILED TO START"))
            .collect(Collectors.joining("\n"));
    String all =
        MdcCapturingProvider.LINES.subList(before, MdcCapturingProvider.LINES.size()).stream()
            .map(l -> l.level() + " " + l.logger() + " " + l.message())
            .collect(Collectors.joining("\n"));
    assertThat(report)
        .as(all)
        .contains(
            "Port credentials are not set: portkit.client-secret (environment variable"
                + " PORT_CLIENT_SECRET)")
        .contains("Set the environment variable PORT_CLIENT_SECRET to your Port client secret")
        .doesNotContain("portkit.client-id (");
  }
}
