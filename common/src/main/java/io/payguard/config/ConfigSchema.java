package io.payguard.config;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON Schema of a service's configuration ({@code conf/schema/<service>.schema.json}, in the jar
 * under {@code config/}), checked once at start on the configuration as the service will use it: the file
 * with the environment's overrides and secrets applied. Every problem is named by its key, in one line;
 * a value is never repeated in it (it may be a secret).
 */
public final class ConfigSchema {

  private static final String BASE = "https://payguard.dev/config/";
  private static final Pattern PROPERTY = Pattern.compile("[\"'`]([A-Za-z0-9_.-]+)[\"'`]");

  private final SchemaRepository repository;
  private final String service;

  private ConfigSchema(SchemaRepository repository, String service) {
    this.repository = repository;
    this.service = service;
  }

  /** The schema of {@code service} ("payment", "risk") from the classpath. */
  public static ConfigSchema of(String service) {
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri(BASE).setOutputFormat(OutputFormat.Basic));
    for (String name : List.of("service", service)) {
      repository.dereference(BASE + name + ".schema.json", JsonSchema.of(resource("config/" + name + ".schema.json")));
    }
    return new ConfigSchema(repository, service);
  }

  /** @throws InvalidConfig naming every key that is wrong, missing or unknown */
  public void check(JsonObject config) {
    OutputUnit result = repository.validator(BASE + service + ".schema.json").validate(config);
    if (Boolean.TRUE.equals(result.getValid())) {
      return;
    }
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    Set<String> problems = new LinkedHashSet<>();
    for (OutputUnit error : errors) {
      String problem = describe(error, errors);
      if (problem != null) {
        problems.add(problem);
      }
    }
    if (problems.isEmpty()) {
      problems.add("does not match " + service + ".schema.json");
    }
    throw new InvalidConfig(String.join("; ", problems));
  }

  private static String describe(OutputUnit error, List<OutputUnit> all) {
    String keyword = keyword(error);
    String key = key(error);
    String message = String.valueOf(error.getError());
    if (String.valueOf(error.getKeywordLocation()).contains("/then/")
      && (keyword.equals("minLength") || keyword.equals("required"))) {
      // if/then: a key only some modes need (the CA file of TLS), given empty or not at all.
      return join(key, keyword.equals("required") ? property(message) : null) + " must be set for the mode chosen";
    }
    return switch (keyword) {
      case "enum" -> name(key) + " is not one of the values it may take";
      case "type" -> name(key) + " must be " + expected(message);
      case "required" -> missing(join(key, property(message)));
      // The validator also reports a known key whose value failed as "additional": only a key with no
      // other error of its own is unknown.
      case "additionalProperties", "unevaluatedProperties" -> all.stream().anyMatch(other -> other != error
        && !keyword(other).endsWith("Properties") && !keyword(other).equals("properties")
        && (key(other).equals(key) || key(other).startsWith(key + "."))) ? null
        : name(key) + " is not a known key (a typo?)";
      case "minimum", "maximum", "minLength", "maxLength" -> name(key) + " is out of range (" + keyword + " "
        + number(message) + ")";
      default -> null;
    };
  }

  private static String keyword(OutputUnit error) {
    String location = String.valueOf(error.getKeywordLocation());
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** The key the error is about, as a dotted path ({@code http.port}). */
  private static String key(OutputUnit error) {
    return String.valueOf(error.getInstanceLocation()).replaceFirst("^#?/?", "").replace('/', '.');
  }

  private static String missing(String key) {
    return switch (key) {
      case "db.password" -> "db.password is missing: set " + EnvOverrides.variableName(key);
      default -> key + " is missing";
    };
  }

  private static String name(String key) {
    return key.isEmpty() ? "the configuration" : key;
  }

  private static String join(String parent, String child) {
    return child == null ? name(parent) : parent.isEmpty() ? child : parent + "." + child;
  }

  /** The property a message names ("Instance does not have required property \"user\""). */
  private static String property(String message) {
    Matcher m = PROPERTY.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  private static String expected(String message) {
    String lower = message.toLowerCase();
    for (String type : List.of("integer", "boolean", "string", "object", "array", "number")) {
      if (lower.contains("\"" + type + "\"") || lower.contains(" " + type)) {
        return switch (type) {
          case "integer", "object", "array" -> "an " + type;
          default -> "a " + type;
        };
      }
    }
    return "of another type";
  }

  private static String number(String message) {
    Matcher m = Pattern.compile("-?\\d+").matcher(message);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    return last == null ? "" : last;
  }

  private static JsonObject resource(String path) {
    try (InputStream in = ConfigSchema.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A configuration the service cannot start with; the message is one line meant for an operator. */
  public static final class InvalidConfig extends StartFailure {
    public InvalidConfig(String message) {
      super("invalid configuration: " + message);
    }
  }
}
