package io.portkit.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Starts an in-memory Port ({@code port-testkit}'s {@code PortEmulator}) for the test's application
 * context and points the backend at it through a {@code PortConnectionDetails} bean: no account, no
 * credentials, nothing but 127.0.0.1. Inject {@link EmulatedPort} to define actions and trigger
 * runs.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * @AutoConfigurePortEmulator
 * class DeployTest {
 *   @Autowired EmulatedPort port;
 *
 *   @Test
 *   void deploy_endsSuccess() {
 *     port.defineWebhookAction("deploy_service");
 *     String run = port.trigger("deploy_service", Map.of("service", "api", "version", "1.4.2"));
 *     assertThat(port.awaitFinalStatus(run).status()).isEqualTo(RunStatus.SUCCESS);
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(PortEmulatorAutoConfiguration.class)
public @interface AutoConfigurePortEmulator {}
