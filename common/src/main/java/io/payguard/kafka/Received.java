package io.payguard.kafka;

/**
 * An event as a consumer received it: the parsed value and the request id its headers carried
 * ({@code null} when they carried none), which the consumer logs and passes on.
 */
public record Received<T>(T event, String requestId) {
}
