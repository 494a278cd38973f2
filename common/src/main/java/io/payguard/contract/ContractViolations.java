package io.payguard.contract;

import io.payguard.http.FieldError;
import io.payguard.http.JsonBodies;
import io.payguard.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.ValidatorException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a verdict of the contract validator into the problem the API documents, with the statuses the
 * service always gave: an id in the path that is not a UUID names nothing (404), a malformed header is
 * 400, invalid query parameters and body fields are 422 listing every one. Messages say what is
 * expected, in the service's words: a schema's {@code x-payguard-message} when it has one, else a
 * sentence made from its constraints; never the validator's internals.
 */
public final class ContractViolations {

  /** A schema keyword whose failure is about the value itself (the others only wrap sub-schema failures). */
  private static final Set<String> LEAF_KEYWORDS = Set.of("type", "format", "pattern", "minLength", "maxLength",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum", "const", "required", "multipleOf",
    "minItems", "maxItems", "minProperties", "maxProperties", "additionalProperties");
  private static final Pattern REQUIRED = Pattern.compile("required property \"(.+)\"");
  private static final String MESSAGE = "x-payguard-message";

  private ContractViolations() {
  }

  /** {@code param} failed its schema (or is missing): 404 in the path, 400 in a header, 422 in the query. */
  static ProblemException parameterProblem(Parameter param, ValidatorException violation, String path) {
    boolean missing = violation.type() == io.vertx.openapi.validation.ValidatorErrorType.MISSING_REQUIRED_PARAMETER;
    return switch (param.getIn()) {
      case PATH -> ProblemException.notFound("Nothing at " + path + ": " + param.getName() + " "
        + describe(param.getSchema() == null ? new JsonObject() : jsonOf(param.getSchema()), "type") + ".");
      case HEADER -> new ProblemException(400, "invalid-" + param.getName().toLowerCase(Locale.ROOT),
        "Invalid " + param.getName(), "The " + param.getName() + " header "
        + (missing ? "is required" : describe(jsonOf(param.getSchema()), "type")) + ".", List.of());
      default -> ProblemException.invalidField(param.getName(),
        missing ? "is required" : describe(jsonOf(param.getSchema()), "type"));
    };
  }

  /** The body failed its schema: every field at fault, in the contract's words. */
  static ProblemException bodyProblem(OutputUnit result, Operation operation) {
    if (result.getErrors() == null) {
      return ProblemException.invalid(List.of(new FieldError("body", "does not match the API contract")));
    }
    JsonObject schema = bodySchema(operation);
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    Map<String, String> byField = new LinkedHashMap<>();
    for (OutputUnit unit : result.getErrors()) {
      String location = String.valueOf(unit.getKeywordLocation());
      String keyword = location.substring(location.lastIndexOf('/') + 1);
      if (!LEAF_KEYWORDS.contains(keyword)) {
        continue;
      }
      String instance = String.valueOf(unit.getInstanceLocation()).replaceFirst("^#?/?", "");
      if (keyword.equals("required")) {
        Matcher m = REQUIRED.matcher(String.valueOf(unit.getError()));
        if (m.find()) {
          byField.putIfAbsent(join(instance, m.group(1)), "is required");
        }
        continue;
      }
      if (instance.isEmpty()) {
        continue; // the body as a whole: JsonBodies already made sure it is one JSON object
      }
      String field = instance.replace('/', '.');
      Object fieldSchema = properties.getValue(instance.split("/", 2)[0]);
      byField.putIfAbsent(field, describe(fieldSchema instanceof JsonObject s ? s : new JsonObject(), keyword));
    }
    if (byField.isEmpty()) {
      return ProblemException.invalid(List.of(new FieldError("body", "does not match the API contract")));
    }
    // In the order the contract lists the fields, which is the order the routes read them.
    List<String> order = new ArrayList<>(properties.fieldNames());
    List<FieldError> errors = byField.entrySet().stream()
      .sorted(java.util.Comparator.comparingInt(e -> {
        int i = order.indexOf(e.getKey().split("\\.", 2)[0]);
        return i < 0 ? Integer.MAX_VALUE : i;
      }))
      .map(e -> new FieldError(e.getKey(), e.getValue())).toList();
    return ProblemException.invalid(errors);
  }

  /** What a value must be, from its schema; {@code keyword} is the constraint it broke. */
  static String describe(JsonObject schema, String keyword) {
    if (schema.getValue(MESSAGE) instanceof String message) {
      return message;
    }
    if (schema.getValue("enum") instanceof JsonArray values) {
      return "must be one of " + String.join(", ", values.stream().map(String::valueOf).toList());
    }
    Object type = schema.getValue("type");
    if ("integer".equals(type) && schema.containsKey("minimum") && schema.containsKey("maximum")) {
      return "must be an integer from " + schema.getValue("minimum") + " to " + schema.getValue("maximum");
    }
    if ("date-time".equals(schema.getValue("format"))) {
      return "must be an RFC 3339 date-time such as \"2026-11-24T19:27:58Z\"";
    }
    if ("uuid".equals(schema.getValue("format"))) {
      return "must be a UUID such as \"3fa85f64-5717-4562-b3fc-2c963f66afa6\"";
    }
    return switch (keyword) {
      case "maxLength" -> "must be at most " + schema.getValue("maxLength") + " characters";
      case "minLength" -> "must be at least " + schema.getValue("minLength") + " characters";
      case "minimum", "exclusiveMinimum" -> "must be greater than " + (keyword.equals("minimum") ? "or equal to " : "")
        + schema.getValue(keyword);
      case "maximum", "exclusiveMaximum" -> "must be less than " + (keyword.equals("maximum") ? "or equal to " : "")
        + schema.getValue(keyword);
      case "type" -> type == null ? "has the wrong type" : "must be " + typeName(type);
      default -> "is not valid here";
    };
  }

  private static String typeName(Object type) {
    List<String> names = type instanceof JsonArray many ? many.stream().map(String::valueOf).toList()
      : List.of(String.valueOf(type));
    return String.join(" or ", names.stream().map(n -> switch (n) {
      case "integer", "object", "array" -> "an " + n;
      case "null" -> "null";
      default -> "a " + n;
    }).toList());
  }

  private static JsonObject bodySchema(Operation operation) {
    if (operation.getRequestBody() == null) {
      return new JsonObject();
    }
    var mediaType = operation.getRequestBody().getContent().get(io.vertx.openapi.contract.MediaType.APPLICATION_JSON);
    return mediaType == null || mediaType.getSchema() == null ? new JsonObject() : jsonOf(mediaType.getSchema());
  }

  /** A schema's keywords as JSON (an empty object for none). */
  static JsonObject jsonOf(io.vertx.json.schema.JsonSchema schema) {
    JsonObject json = new JsonObject();
    if (schema != null) {
      for (String name : schema.fieldNames()) {
        json.put(name, (Object) schema.get(name));
      }
    }
    return json;
  }

  private static String join(String parent, String field) {
    return parent.isEmpty() ? field : parent.replace('/', '.') + "." + field;
  }
}
