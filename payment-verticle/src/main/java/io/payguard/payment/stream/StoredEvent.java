package io.payguard.payment.stream;

/** A payment event as the stream sends it: its position ({@code seq}, the SSE id), its type and its JSON. */
public record StoredEvent(long seq, String type, String body) {
}
