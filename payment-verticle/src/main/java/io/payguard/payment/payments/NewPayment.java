package io.payguard.payment.payments;

import io.payguard.payment.idempotency.IdempotentReplies.Claim;

import java.util.Optional;

/** A payment a request asks to store: the payment, the request's id, and its Idempotency-Key if it has one. */
public record NewPayment(Payment payment, String requestId, Optional<Claim> claim) {
}
