/**
 * HTTP plumbing of the Port client: request sending with retries, authentication, JSON helpers. Not
 * API: may change in any release and is excluded from Javadoc.
 */
@NullMarked
package io.portkit.client.internal;

import org.jspecify.annotations.NullMarked;
