package io.portkit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.run.RunStatus;
import io.portkit.spring.boot.test.AutoConfigurePortEmulator;
import io.portkit.spring.boot.test.EmulatedPort;
import io.portkit.testkit.EmulatedRun;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "example.demo=false")
@AutoConfigurePortEmulator
class DeployServiceApplicationTest {
  @Autowired EmulatedPort port;

  @Test
  void deployService_runTriggeredInPort_endsSuccessWithSummaryAndLink() {
    port.defineWebhookAction("deploy_service");

    String runId =
        port.trigger("deploy_service", new Deployments.DeployInputs("billing-api", "1.4.2"));
    EmulatedRun run = port.awaitFinalStatus(runId);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.summary()).isEqualTo("Deployed billing-api 1.4.2");
    assertThat(run.logs()).extracting(l -> l.message()).contains("Deploying billing-api 1.4.2");
  }
}
