package io.payguard.http;

/** One invalid field of a request: which one (a JSON pointer-like name) and why. */
public record FieldError(String field, String message) {
}
