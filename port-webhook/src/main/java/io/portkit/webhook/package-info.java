/**
 * Verify and parse Port action-run webhooks: {@link io.portkit.webhook.WebhookVerifier}, {@link
 * io.portkit.webhook.RunInvocationParser}, {@link io.portkit.webhook.RunInvocation} and the signing
 * half {@link io.portkit.webhook.WebhookSigner}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise; absent values are
 * returned as {@link java.util.Optional}.
 */
package io.portkit.webhook;
