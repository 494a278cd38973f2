package io.payguard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the fields of a request body that the API contract has already validated, and normalises them:
 * ids parsed (a new random one for an optional id left out), text trimmed, decimals read exactly (never
 * through a double). The contract states the limits (which fields are required, types, lengths,
 * patterns); a rule it cannot state is checked by the code that understands the value, through
 * {@link #error}, and every error is collected so the client learns all of them in one 422. Unknown
 * fields are ignored, as the old demo did.
 */
public final class FieldReader {

  /** What a value the contract should have refused gets: this reader restates none of its rules. */
  static final String OFF_CONTRACT = "does not match the API contract";

  private final ObjectNode body;
  private final List<FieldError> errors = new ArrayList<>();

  public FieldReader(ObjectNode body) {
    this.body = body;
  }

  /** An id the client may choose; a new random one when absent or null. */
  public UUID optionalId(String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? UUID.randomUUID() : uuid(field, node);
  }

  public UUID requiredId(String field) {
    return uuid(field, body.get(field));
  }

  /** A string, without the white space around it. */
  public String text(String field) {
    JsonNode node = body.get(field);
    return node != null && node.isTextual() ? node.textValue().strip() : error(field, OFF_CONTRACT);
  }

  /** A string without the white space around it, or empty when the field is absent or null. */
  public Optional<String> optionalText(String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.ofNullable(text(field));
  }

  /** A decimal sent as a JSON number or a string, exactly as written. */
  public BigDecimal decimal(String field) {
    JsonNode node = body.get(field);
    if (node != null && node.isNumber()) {
      return node.decimalValue();
    }
    try {
      return node != null && node.isTextual() ? new BigDecimal(node.textValue().strip()) : error(field, OFF_CONTRACT);
    } catch (NumberFormatException notDecimal) {
      return error(field, OFF_CONTRACT);
    }
  }

  /** Records that {@code field} breaks a rule the contract cannot state; returns null for the caller to return. */
  public <T> T error(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }

  /** Throws one 422 problem listing every invalid field, if there is any. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  private UUID uuid(String field, JsonNode node) {
    Optional<UUID> id = node != null && node.isTextual() ? UuidText.parse(node.textValue()) : Optional.empty();
    return id.isPresent() ? id.get() : error(field, OFF_CONTRACT);
  }
}
