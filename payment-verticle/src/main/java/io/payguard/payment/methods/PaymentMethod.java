package io.payguard.payment.methods;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment method as the API shows it (the old demo's fields). */
public record PaymentMethod(UUID paymentMethodId, String name, OffsetDateTime createdAt) {
}
