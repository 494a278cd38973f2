package io.payguard.payment.users;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user as the API shows it (the old demo's fields). */
public record User(UUID userId, String firstName, String lastName, OffsetDateTime createdAt) {
}
