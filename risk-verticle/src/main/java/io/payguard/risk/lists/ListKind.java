package io.payguard.risk.lists;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a list holds; each value is checked and written in one canonical form, the form expressions
 * compare it in ({@code payment.payee_id} is lower-case text, {@code payment.currency} upper-case).
 */
public enum ListKind {
  USER_ID, PAYEE_ID, PAYMENT_METHOD_ID, CURRENCY, TEXT;

  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
  private static final Pattern UUID_TEXT =
    Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  public static final int MAX_TEXT = 200;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ListKind of(String text) {
    for (ListKind kind : values()) {
      if (kind.json().equals(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("not a list kind: " + text);
  }

  /** {@code value} in canonical form, or null when it is not a value of this kind. */
  public String canonical(String value) {
    if (value == null) {
      return null;
    }
    return switch (this) {
      case USER_ID, PAYEE_ID, PAYMENT_METHOD_ID ->
        UUID_TEXT.matcher(value).matches() ? UUID.fromString(value).toString() : null;
      case CURRENCY -> CURRENCY_CODE.matcher(value).matches() ? value : null;
      case TEXT -> value.isEmpty() || value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)
        ? null : value;
    };
  }

  /** What a value of this kind looks like, for a problem reply. */
  public String expected() {
    return switch (this) {
      case USER_ID, PAYEE_ID, PAYMENT_METHOD_ID -> "a UUID";
      case CURRENCY -> "an ISO 4217 code such as EUR";
      case TEXT -> "text of 1 to " + MAX_TEXT + " characters without control characters";
    };
  }
}
