package io.payguard.payment.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.http.FieldError;
import io.payguard.http.ProblemException;
import io.payguard.http.UuidText;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates the fields of one request body, collecting every error so the client learns all
 * of them at once. Unknown fields are ignored, as the old demo did.
 */
public final class FieldReader {

  public static final int MAX_NAME_LENGTH = 50;
  public static final int MAX_AMOUNT_SCALE = 6;
  public static final int MAX_AMOUNT_INTEGER_DIGITS = 14;

  private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,64}(\\.\\d{1,64})?");
  private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
    .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private final ObjectNode body;
  private final List<FieldError> errors = new ArrayList<>();

  public FieldReader(ObjectNode body) {
    this.body = body;
  }

  /** An id the client may choose; a new random one when absent or null. */
  public UUID optionalId(String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return UUID.randomUUID();
    }
    return uuid(field, node);
  }

  public UUID requiredId(String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return missing(field);
    }
    return uuid(field, node);
  }

  /** A name: a string of 1 to 50 characters once trimmed. */
  public String name(String field) {
    return text(field, MAX_NAME_LENGTH);
  }

  /** A required string of 1 to {@code maxLength} characters once trimmed, without control characters. */
  public String text(String field, int maxLength) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return missing(field);
    }
    if (!node.isTextual()) {
      return error(field, "must be a string");
    }
    String value = node.textValue().strip();
    // strip() keeps no-break and other Unicode spaces that Character.isWhitespace does not count.
    if (value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
      return error(field, "must not be blank");
    }
    if (value.codePointCount(0, value.length()) > maxLength) {
      return error(field, "must be at most " + maxLength + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return error(field, "must not contain control characters");
    }
    // A lone surrogate ("\ud800" in JSON) is no character: UTF-8 cannot hold it, PostgreSQL would get "?".
    if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
      return error(field, "must be valid Unicode text (no unpaired surrogate)");
    }
    return value;
  }

  /**
   * An amount, sent as a JSON number or a decimal string, read exactly: greater than 0, at most 6
   * decimals and 14 integer digits (what NUMERIC(20,6) holds).
   */
  public BigDecimal amount(String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return missing(field);
    }
    BigDecimal value;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual() && DECIMAL.matcher(node.textValue().strip()).matches()) {
      value = new BigDecimal(node.textValue().strip());
    } else {
      return error(field, "must be a decimal number, as a JSON number or a string like \"12.50\"");
    }
    if (value.signum() <= 0) {
      return error(field, "must be greater than 0");
    }
    BigDecimal exact = value.stripTrailingZeros();
    if (exact.scale() > MAX_AMOUNT_SCALE) {
      return error(field, "must have at most " + MAX_AMOUNT_SCALE + " decimal places");
    }
    if (exact.precision() - exact.scale() > MAX_AMOUNT_INTEGER_DIGITS) {
      return error(field, "must have at most " + MAX_AMOUNT_INTEGER_DIGITS + " integer digits");
    }
    return exact.scale() < 0 ? exact.setScale(0) : exact;
  }

  /** An ISO 4217 currency code; lower case is accepted and normalised. */
  public String currency(String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return missing(field);
    }
    if (!node.isTextual()) {
      return error(field, "must be a string");
    }
    String code = node.textValue().strip().toUpperCase(Locale.ROOT);
    if (!CURRENCIES.contains(code)) {
      return error(field, "must be an ISO 4217 currency code such as \"EUR\"");
    }
    return code;
  }

  /** Throws one 422 problem listing every invalid field, if there is any. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  private UUID uuid(String field, JsonNode node) {
    Optional<UUID> id = node.isTextual() ? UuidText.parse(node.textValue()) : Optional.empty();
    return id.isPresent() ? id.get() : error(field, "must be a UUID such as \"3fa85f64-5717-4562-b3fc-2c963f66afa6\"");
  }

  private <T> T missing(String field) {
    return error(field, "is required");
  }

  private <T> T error(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }
}
