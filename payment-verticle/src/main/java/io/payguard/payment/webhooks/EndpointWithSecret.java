package io.payguard.payment.webhooks;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What registering an endpoint or rotating its secret replies: the endpoint and its new secret, shown this
 * once; a retry with the same Idempotency-Key gets the endpoint with {@code secret} null (never stored for it).
 */
public record EndpointWithSecret(@JsonUnwrapped WebhookEndpoint endpoint, String secret) {
}
