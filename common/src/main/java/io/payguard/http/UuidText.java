package io.payguard.http;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A UUID as clients must write it, in a body or a query: 8-4-4-4-12 hex digits, nothing else.
 * {@link UUID#fromString} alone also takes signs and short groups ("+1-2-3-4-5"), and the contract's
 * {@code format: uuid} a {@code urn:uuid:} prefix.
 */
public final class UuidText {

  private static final Pattern CANONICAL =
    Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private UuidText() {
  }

  public static boolean isCanonical(String text) {
    return text != null && CANONICAL.matcher(text).matches();
  }

  public static Optional<UUID> parse(String text) {
    return isCanonical(text) ? Optional.of(UUID.fromString(text)) : Optional.empty();
  }
}
