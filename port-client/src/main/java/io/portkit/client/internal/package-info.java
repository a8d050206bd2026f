/**
 * HTTP plumbing of the Port client: request sending with retries, authentication, JSON helpers. Not
 * API: may change in any release and is excluded from Javadoc.
 */
package io.portkit.client.internal;
