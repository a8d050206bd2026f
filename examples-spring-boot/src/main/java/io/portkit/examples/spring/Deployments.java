package io.portkit.examples.spring;

import io.portkit.client.run.RunContext;
import io.portkit.spring.boot.PortAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The backend of the Port action {@code deploy_service}. */
@Component
public class Deployments {
  private static final Logger log = LoggerFactory.getLogger(Deployments.class);

  /** The action's inputs: {@code service} and {@code version}. */
  public record DeployInputs(String service, String version) {}

  /** Deploys; returning ends the run SUCCESS with this summary, throwing ends it FAILURE. */
  @PortAction("deploy_service")
  public String deploy(DeployInputs inputs, RunContext ctx) {
    log.info("deploying {} {}", inputs.service(), inputs.version()); // run id in the MDC
    ctx.log("Deploying " + inputs.service() + " " + inputs.version());
    ctx.addLink("https://ci.example.com/deploys/" + inputs.service());
    return "Deployed " + inputs.service() + " " + inputs.version();
  }
}
