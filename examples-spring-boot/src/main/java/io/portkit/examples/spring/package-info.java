/**
 * A Spring Boot service with one Port action ({@link io.portkit.examples.spring.Deployments}), on
 * port-spring-boot-starter; without Port credentials it runs against the emulator.
 */
@NullMarked
package io.portkit.examples.spring;

import org.jspecify.annotations.NullMarked;
