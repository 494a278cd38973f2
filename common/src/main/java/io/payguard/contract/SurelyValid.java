package io.payguard.contract;

import io.payguard.http.UuidText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A quick, conservative look at a request body before the contract's schema validator: it answers
 * "surely valid" only for a body that the validator would accept too, and "not sure" for anything else,
 * which then goes to the validator as before. Built only for a schema made of the keywords it knows; a
 * schema with any other keyword gets none, so it never judges what it does not understand.
 *
 * <p>Why: vertx-json-schema recompiles every {@code pattern} and builds location strings for every
 * property on every request; on {@code POST /payments} that was a quarter of the payment service's CPU.
 * A valid body (nearly all of them) now costs a few map look-ups and precompiled matches; an invalid one
 * still gets the validator's complete list of errors.
 */
public final class SurelyValid {

  /** Keywords that only document: they never change a verdict. */
  private static final Set<String> NOTES = Set.of("description", "examples", "example", "title",
    "x-payguard-message", "default", "deprecated", "readOnly", "writeOnly", "$comment", "__absolute_uri__");
  /** Keywords it judges; those about numbers are judged by never calling a number sure. */
  private static final Set<String> JUDGED = Set.of("type", "properties", "required", "additionalProperties",
    "pattern", "format", "minLength", "maxLength", "exclusiveMinimum", "minimum", "maximum");

  private final Node root;

  private SurelyValid(Node root) {
    this.root = root;
  }

  /** A quick check for {@code schema}, or none when it uses a keyword this class does not model. */
  public static Optional<SurelyValid> of(JsonSchema schema) {
    try {
      return Optional.of(new SurelyValid(node(ContractViolations.jsonOf(schema))));
    } catch (Unmodelled e) {
      return Optional.empty();
    }
  }

  /** True only if the contract's validator would find nothing wrong with {@code body}. */
  public boolean test(JsonObject body) {
    return root.sure(body);
  }

  private interface Node {
    boolean sure(Object value);
  }

  private static Node node(JsonObject schema) {
    for (String keyword : schema.fieldNames()) {
      if (!NOTES.contains(keyword) && !JUDGED.contains(keyword)) {
        throw new Unmodelled();
      }
    }
    Set<String> types = types(schema.getValue("type"));
    Node object = schema.containsKey("properties") || schema.containsKey("required") || types.contains("object")
      ? objectNode(schema, types) : null;
    Node string = types.contains("string") ? stringNode(schema) : null;
    boolean nullable = types.contains("null");
    // Numbers are left to the validator (exclusiveMinimum compares them in its own arithmetic), as are
    // booleans, arrays and anything of a type the schema does not name.
    return value -> {
      if (value == null) {
        return nullable;
      }
      if (value instanceof String s) {
        return string != null && string.sure(s);
      }
      if (value instanceof JsonObject o) {
        return object != null && object.sure(o);
      }
      return false;
    };
  }

  private static Node objectNode(JsonObject schema, Set<String> types) {
    if (!types.isEmpty() && !types.contains("object")) {
      throw new Unmodelled();
    }
    Object additional = schema.getValue("additionalProperties");
    if (additional != null && !Boolean.TRUE.equals(additional)) {
      throw new Unmodelled(); // false or a schema: extra fields would need judging
    }
    Map<String, Node> properties = new HashMap<>();
    JsonObject declared = schema.getJsonObject("properties", new JsonObject());
    for (String name : declared.fieldNames()) {
      if (!(declared.getValue(name) instanceof JsonObject property)) {
        throw new Unmodelled();
      }
      properties.put(name, node(property));
    }
    List<String> required = new ArrayList<>();
    for (Object name : schema.getJsonArray("required", new JsonArray())) {
      required.add((String) name);
    }
    return value -> {
      JsonObject body = (JsonObject) value;
      for (String name : required) {
        if (!body.containsKey(name)) {
          return false;
        }
      }
      for (Map.Entry<String, Node> property : properties.entrySet()) {
        if (body.containsKey(property.getKey()) && !property.getValue().sure(body.getValue(property.getKey()))) {
          return false;
        }
      }
      return true;
    };
  }

  private static Node stringNode(JsonObject schema) {
    Pattern pattern = schema.getValue("pattern") instanceof String p ? Pattern.compile(p) : null;
    Object format = schema.getValue("format");
    // A uuid is checked as clients must write it (UuidText), stricter than the validator: what "sure" needs.
    if (format != null && !"uuid".equals(format)) {
      throw new Unmodelled();
    }
    Integer min = schema.getInteger("minLength");
    Integer max = schema.getInteger("maxLength");
    return value -> {
      String s = (String) value;
      if (min != null || max != null) {
        for (int i = 0; i < s.length(); i++) {
          if (Character.isSurrogate(s.charAt(i))) {
            return false; // lengths in code points: left to the validator
          }
        }
        if (min != null && s.length() < min || max != null && s.length() > max) {
          return false;
        }
      }
      return (pattern == null || pattern.matcher(s).find()) && (format == null || UuidText.isCanonical(s));
    };
  }

  private static Set<String> types(Object type) {
    if (type == null) {
      return Set.of();
    }
    if (type instanceof String one) {
      return Set.of(one);
    }
    if (type instanceof JsonArray many) {
      return Set.copyOf(many.stream().map(String::valueOf).toList());
    }
    throw new Unmodelled();
  }

  /** The schema holds something this class does not judge: the validator alone will. */
  private static final class Unmodelled extends RuntimeException {
    Unmodelled() {
      super(null, null, false, false);
    }
  }
}
