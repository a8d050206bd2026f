/** Internals shared by port-webhook's packages; not API, may change in any release. */
package io.portkit.webhook.internal;
