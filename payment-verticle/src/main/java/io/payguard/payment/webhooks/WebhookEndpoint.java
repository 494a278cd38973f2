package io.payguard.payment.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A registered webhook endpoint as the API shows it: never its secret, which is shown once. */
public record WebhookEndpoint(UUID endpointId, String url, String description, List<String> eventTypes,
                              boolean enabled, OffsetDateTime previousSecretExpiresAt, OffsetDateTime createdAt,
                              OffsetDateTime updatedAt) {
}
