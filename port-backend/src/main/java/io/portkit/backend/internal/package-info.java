/**
 * Internals shared by port-backend's packages and portkit's adapter modules; not API, may change in
 * any release.
 */
@NullMarked
package io.portkit.backend.internal;

import org.jspecify.annotations.NullMarked;
