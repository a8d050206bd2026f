/**
 * Test support for Spring Boot services on {@code port-spring-boot-starter}: {@link
 * io.portkit.spring.boot.test.AutoConfigurePortEmulator} starts port-testkit's {@code PortEmulator}
 * and points the backend at it; {@link io.portkit.spring.boot.test.EmulatedPort} defines actions
 * whose webhook is this application's route and triggers runs like Port's UI.
 */
@NullMarked
package io.portkit.spring.boot.test;

import org.jspecify.annotations.NullMarked;
