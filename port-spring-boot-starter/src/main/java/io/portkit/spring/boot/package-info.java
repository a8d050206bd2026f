/**
 * Spring Boot auto-configuration for a portkit backend: {@link
 * io.portkit.spring.boot.PortkitProperties} under {@code portkit.*}, {@link
 * io.portkit.spring.boot.PortAction} methods and {@code RunHandler} beans, the webhook route in the
 * application's own server (or the Kafka consumer), a graceful lifecycle, a health contributor and
 * Micrometer meters. See {@code docs/spring-boot.md}.
 */
@NullMarked
package io.portkit.spring.boot;

import org.jspecify.annotations.NullMarked;
