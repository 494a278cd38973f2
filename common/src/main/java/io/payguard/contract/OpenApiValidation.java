package io.payguard.contract;

import io.payguard.http.FieldError;
import io.payguard.http.JsonBodies;
import io.payguard.http.ProblemResponses;
import io.payguard.http.ProblemException;
import io.payguard.http.Rfc3339;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Router-wide: finds the contract's operation for each request and validates its path, query and header
 * parameters (vertx-openapi's validator) and its body (the operation's schema) before any route sees it. A
 * violation becomes our problem+json through {@link ProblemResponses} ({@link ContractViolations} says
 * which status). A request the contract does not describe passes on, to the router's 404/405.
 *
 * <p>The body is parsed once, by {@link JsonBodies}, so malformed JSON, a non-JSON Content-Type and
 * hostile nesting or number lengths keep their 400/415 problems; the validator sees that same tree
 * (numbers as exact decimals, never doubles), and the routes read their fields from it with
 * {@link io.payguard.http.FieldReader}, which only normalises: the contract states the limits.
 */
public final class OpenApiValidation implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(OpenApiValidation.class);

  private final OpenAPIContract contract;
  private final ParameterValidator validator;
  private final OperationScopes scopes;
  /** The body checks by operation id, built once: vertx-openapi would build a validator per request. */
  private final Map<String, BodyCheck> bodies = new HashMap<>();

  public OpenApiValidation(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = new ParameterValidator(vertx, contract);
    this.scopes = new OperationScopes(contract);
    for (Operation operation : contract.operations()) {
      MediaType json = operation.getRequestBody() == null ? null
        : operation.getRequestBody().getContent().get(MediaType.APPLICATION_JSON);
      if (json != null && json.getSchema() != null) {
        bodies.put(operation.getOperationId(), new BodyCheck(
          contract.getSchemaRepository().validator(json.getSchema()), SurelyValid.of(json.getSchema()).orElse(null)));
      }
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    // The path the router matches on ("//payments", "/x/../payments" and "%61" spellings normalised), so
    // no spelling reaches a route without its operation's scope and checks.
    String path = ctx.normalizedPath();
    Operation operation = contract.findOperation(path, ctx.request().method());
    if (operation == null) {
      ctx.next();
      return;
    }
    // Who may call it comes first: a key without the scope learns nothing from validation.
    scopes.check(ctx, operation);
    // Throws the 400/415 problem; the parsed body is kept for the route.
    ObjectNode body = operation.getRequestBody() == null ? null : JsonBodies.object(ctx);
    List<ProblemException> problems;
    try {
      problems = violations(ctx.request(), path, operation, body);
    } catch (ProblemException badUrl) {
      ctx.fail(badUrl);
      return;
    } catch (RuntimeException fault) {
      // A fault inside the validator is no verdict on the request; the routes read only what they
      // understand and refuse anything else with a 422, so the request goes on rather than to a 500.
      LOG.warn("contract validation of {} {} failed internally: {}", ctx.request().method(),
        operation.getOperationId(), fault.toString());
      ctx.next();
      return;
    }
    if (problems.isEmpty()) {
      ctx.next();
    } else {
      ctx.fail(worst(problems));
    }
  }

  /**
   * Every parameter and the body, each checked on its own, so one reply lists every invalid field (the
   * validator's own {@code validate} stops at the first). Synchronous: schema checks of a bounded request
   * are CPU work of microseconds, not worth a hop to a worker thread.
   */
  private List<ProblemException> violations(HttpServerRequest request, String path, Operation operation,
                                            ObjectNode body) {
    List<ProblemException> problems = new ArrayList<>();
    String[] segments = path.substring(1).split("/", -1);
    String[] template = operation.getOpenAPIPath().substring(1).split("/", -1);
    for (Parameter param : operation.getParameters()) {
      if (param.getIn() == Location.COOKIE) {
        continue; // no contract of ours takes one
      }
      String raw = switch (param.getIn()) {
        case PATH -> pathValue(segments, template, param.getName());
        case HEADER -> request.getHeader(param.getName());
        default -> request.getParam(param.getName());
      };
      try {
        validator.validateParameter(param, value(param, raw));
      } catch (ValidatorException violation) {
        problems.add(ContractViolations.parameterProblem(param, violation, path));
      }
    }
    BodyCheck bodyCheck = bodies.get(operation.getOperationId());
    if (bodyCheck != null && body != null) {
      OutputUnit result = bodyCheck.validate((JsonObject) vertxJson(body));
      if (!Boolean.TRUE.equals(result.getValid())) {
        problems.add(ContractViolations.bodyProblem(result, operation));
      }
    }
    return problems;
  }

  /**
   * A path that names nothing (404) before a malformed header (400) before invalid fields (422), which
   * are all listed in one problem.
   */
  private static ProblemException worst(List<ProblemException> problems) {
    for (int status : new int[] {404, 400}) {
      for (ProblemException problem : problems) {
        if (problem.status() == status) {
          return problem;
        }
      }
    }
    List<FieldError> fields = problems.stream().flatMap(p -> p.errors().stream()).toList();
    return problems.size() == 1 || fields.isEmpty() ? problems.get(0) : ProblemException.invalid(fields);
  }

  /**
   * An operation's body schema: {@code quick} ({@link SurelyValid}, null when it cannot judge the schema)
   * spares a valid body the validator, which still gives every other body its full list of errors.
   */
  private record BodyCheck(Validator validator, SurelyValid quick) {

    OutputUnit validate(JsonObject body) {
      return quick != null && quick.test(body) ? new OutputUnit(true) : validator.validate(body);
    }
  }

  /** The parsed body as the validator reads it: the same values, numbers exact, without parsing it again. */
  private static Object vertxJson(JsonNode node) {
    if (node.isObject()) {
      JsonObject object = new JsonObject();
      node.fields().forEachRemaining(field -> object.put(field.getKey(), vertxJson(field.getValue())));
      return object;
    }
    if (node.isArray()) {
      JsonArray array = new JsonArray();
      node.forEach(item -> array.add(vertxJson(item)));
      return array;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return integral(node.numberValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return null;
  }

  /**
   * JSON Schema counts {@code 10.0} and {@code 1e1} as integers; vertx-json-schema compares a decimal's
   * remainder with {@code equals}, which weighs the scale, and calls them fractions. Such a value is handed
   * over as the long it equals (the route still reads the body as sent). A larger one, such as
   * {@code 1e1000000000}, as the double nearest to it (infinity, at worst): its remainder would overflow
   * inside the validator, and every integer and bound of the contracts is far below 2^63.
   */
  private static Number integral(Number number) {
    if (number instanceof BigDecimal decimal && decimal.scale() != 0) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      if (stripped.scale() <= 0) {
        return stripped.precision() - stripped.scale() <= 18 ? stripped.longValueExact() : stripped.doubleValue();
      }
    }
    return number;
  }

  private static String pathValue(String[] segments, String[] template, String name) {
    for (int i = 0; i < template.length && i < segments.length; i++) {
      if (template[i].equals("{" + name + "}")) {
        try {
          return URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEncoding) {
          throw ProblemException.badRequest("The request URL is not correctly percent-encoded.");
        }
      }
    }
    return null;
  }

  /**
   * A parameter as the validator reads it, taken from the request exactly once. vertx-openapi's own
   * extraction URL-decodes values a second time ("+" in a query value or header becomes a space) and reads
   * a string parameter that looks like JSON as JSON (an Idempotency-Key "12345" would be a number), so
   * string parameters are handed over as JSON string literals.
   */
  private static RequestParameter value(Parameter param, String raw) {
    if (raw == null) {
      return () -> null;
    }
    String text = "date-time".equals(param.getSchema().get("format")) ? rfc3339(raw) : raw;
    String value = param.getSchemaType() == SchemaType.STRING ? Json.encode(text) : text;
    return () -> value;
  }

  /**
   * vertx-json-schema reads {@code format: date-time} as {@code OffsetDateTime} does and refuses what RFC
   * 3339, and every other JSON Schema tool, allows: a leap second, more than nine fraction digits. A value
   * {@link Rfc3339} reads is handed over as the same instant in a form the validator takes.
   */
  private static String rfc3339(String raw) {
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Rfc3339.parseMicros(raw));
    } catch (RuntimeException notOne) {
      return raw;
    }
  }
}
