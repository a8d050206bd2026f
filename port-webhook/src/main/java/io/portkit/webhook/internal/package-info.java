/** Implementation details of port-webhook; not API, and may change in any release. */
package io.portkit.webhook.internal;
