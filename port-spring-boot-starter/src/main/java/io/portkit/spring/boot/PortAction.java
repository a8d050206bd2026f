package io.portkit.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the handler of one Port action: a method of any bean, or a {@code RunHandler} bean (its
 * class or its {@code @Bean} method).
 *
 * <pre>{@code
 * @Component
 * class Deployments {
 *   record DeployInputs(String service, String version) {}
 *
 *   @PortAction("deploy_service")
 *   String deploy(DeployInputs inputs, RunContext ctx) {
 *     ctx.log("deploying " + inputs.service() + " " + inputs.version());
 *     return "deployed " + inputs.version(); // the run's SUCCESS summary
 *   }
 * }
 * }</pre>
 *
 * <p>A method's parameters are bound by type, in any order: a record (or a class annotated {@link
 * PortInputs}) receives the run's inputs ({@code duration_minutes} binds {@code durationMinutes});
 * {@code RunInvocation} the run; {@code RunContext} its reporter; {@code RunTrigger} who triggered
 * it; {@code ObjectNode} the raw inputs. It returns {@code void} (SUCCESS) or a {@code String} (the
 * SUCCESS summary); throwing ends the run FAILURE. Anything else, or two handlers for one action,
 * fails start-up naming the method.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PortAction {
  /** The action's identifier in Port. */
  String value();

  /** Whether the action is synchronized ({@code "synchronized": true} in Port). */
  boolean synchronous() default false;

  /** Whether a run a crash left unfinished may run again at the next start (needs a journal). */
  boolean resumable() default false;

  /**
   * The handler's own timeout, for example {@code 2h} or {@code PT90S}; empty for {@code
   * portkit.handler-timeout} (or {@code portkit.sync-timeout}).
   */
  String timeout() default "";
}
