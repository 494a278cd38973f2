package io.payguard.payment.webhooks;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** What registering an endpoint or rotating its secret replies: the endpoint and its new secret, shown this once. */
public record EndpointWithSecret(@JsonUnwrapped WebhookEndpoint endpoint, String secret) {
}
