package io.portkit.spring.boot.test;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;
import io.portkit.spring.boot.PortAction;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** The application under test: one annotated handler, as a service team would write it. */
@SpringBootApplication
public class DeployApp {
  /** The inputs of {@code deploy_service}. */
  public record DeployInputs(String service, String version) {}

  /** The handlers. */
  @Component
  public static class Deployments {
    private static final Logger log = LoggerFactory.getLogger(Deployments.class);

    /** Released by a test that holds a run in flight. */
    public static volatile CountDownLatch hold = new CountDownLatch(0);

    /** Counted down when a held run started. */
    public static volatile CountDownLatch started = new CountDownLatch(1);

    @PortAction("deploy_service")
    String deploy(DeployInputs inputs, RunInvocation run, RunContext ctx) throws Exception {
      log.info("deploying {} {}", inputs.service(), inputs.version());
      ctx.log("deploying " + inputs.service() + " " + inputs.version());
      started.countDown();
      hold.await();
      return "deployed " + inputs.service() + " " + inputs.version();
    }
  }
}
