/**
 * Internals shared by port-webhook's packages and portkit's other modules; not API, may change in
 * any release.
 */
@NullMarked
package io.portkit.webhook.internal;

import org.jspecify.annotations.NullMarked;
