package io.portkit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot service with one Port action: see {@link Deployments}. */
@SpringBootApplication
public class DeployServiceApplication {
  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(DeployServiceApplication.class, args);
  }
}
