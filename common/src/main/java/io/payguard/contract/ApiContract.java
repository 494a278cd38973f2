package io.payguard.contract;

import io.payguard.http.ProblemResponses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The OpenAPI document of a service, THE contract of its HTTP API: read once at start from the
 * classpath (so the jar and the tests read the same file), served as written at {@code /openapi.yaml}
 * and as JSON at {@code /openapi.json}, with the {@link DocsPage} at {@code /docs}, and enforced on every
 * request by {@link OpenApiValidation}.
 */
public final class ApiContract {

  public static final String YAML_PATH = "/openapi.yaml";
  public static final String JSON_PATH = "/openapi.json";

  private final Vertx vertx;
  private final OpenAPIContract contract;
  private final Buffer yaml;
  private final Buffer json;
  private final DocsPage docs;

  private ApiContract(Vertx vertx, OpenAPIContract contract, Buffer yaml, Buffer json, DocsPage docs) {
    this.vertx = vertx;
    this.contract = contract;
    this.yaml = yaml;
    this.json = json;
    this.docs = docs;
  }

  /** Loads {@code resource} (a classpath path such as {@code openapi/payment.yaml}); fails if it is not a valid contract. */
  public static Future<ApiContract> load(Vertx vertx, String resource) {
    return vertx.fileSystem().readFile(resource).compose(yaml -> {
      JsonObject document = parse(yaml);
      Buffer json = Buffer.buffer(document.encodePrettily());
      return Future.all(OpenAPIContract.from(vertx, forValidator(document)), DocsPage.load(vertx, YAML_PATH))
        .map(both -> new ApiContract(vertx, both.resultAt(0), yaml, json, both.resultAt(1)));
    });
  }

  /** The document as vertx-openapi reads it (see {@link #forValidator}). */
  public OpenAPIContract contract() {
    return contract;
  }

  /**
   * Serves the document and the docs page, then validates every request the contract describes. Mount it
   * after the body handler and before the routes, so a request that breaks the contract never reaches them.
   */
  public void mount(Router router) {
    // Each reply writes its own copy: a Buffer handed to end() is consumed by the write.
    router.get(YAML_PATH).handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml.copy()));
    router.get(JSON_PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(json.copy()));
    docs.mount(router);
    router.route().handler(new OpenApiValidation(vertx, contract));
    // RFC 9110: a 405 says which methods the path does support.
    router.errorHandler(405, ctx -> {
      ctx.response().putHeader("Allow", allowedMethods(ctx.request().path()));
      ProblemResponses.methodNotAllowed(ctx);
    });
  }

  private String allowedMethods(String path) {
    return Stream.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
      .filter(method -> contract.findOperation(path, method) != null)
      .map(HttpMethod::name)
      .collect(Collectors.joining(", "));
  }

  /**
   * Refuses to start a service that serves a route its contract does not describe: the document is the
   * contract, so a route added without it is a bug caught by the first test that starts the service.
   * Call it once every route is mounted. (The other direction, every documented operation served, is
   * what the contract tests check over HTTP.)
   */
  public void requireDocumented(Router router) {
    Set<String> documented = new HashSet<>();
    contract.operations().forEach(op -> documented.add(op.getHttpMethod().name() + " " + template(op.getOpenAPIPath())));
    List<String> undocumented = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null) {
        continue; // router-wide handlers (body, validation), not endpoints
      }
      Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty() ? Set.of() : route.methods();
      if (methods.isEmpty()) {
        undocumented.add("* " + route.getPath());
      }
      for (HttpMethod method : methods) {
        String key = method.name() + " " + template(route.getPath());
        if (!documented.contains(key)) {
          undocumented.add(key);
        }
      }
    }
    if (!undocumented.isEmpty()) {
      throw new IllegalStateException("routes missing from the OpenAPI contract: " + undocumented);
    }
  }

  /** {@code /users/:id} and {@code /users/{user_id}} are the same route. */
  public static String template(String path) {
    return path.replaceAll(":[^/]+", "{}").replaceAll("\\{[^/}]+}", "{}");
  }

  /**
   * A copy of the document that vertx-openapi 5.0 accepts. It refuses a contract whose responses use
   * media types it cannot validate (application/problem+json, text/html, application/yaml), although
   * requests are all it validates for us. So in this copy, and only here, a {@code +json} response type
   * is filed under application/json (same schema) and any other under application/octet-stream (not
   * validated). It also wants absolute server URLs, while the published document names the server
   * relative to itself ({@code /}, so the docs page calls whatever host and port served it): the copy
   * gets an absolute URL with the same (empty) base path. The published document stays exactly as written.
   */
  static JsonObject forValidator(JsonObject document) {
    JsonObject copy = document.copy();
    copy.put("servers", new JsonArray().add(new JsonObject().put("url", "http://localhost")));
    List<JsonObject> responses = new ArrayList<>();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("responses")) {
          JsonObject byStatus = operation.getJsonObject("responses");
          byStatus.fieldNames().forEach(status -> responses.add(byStatus.getJsonObject(status)));
        }
      }
    }
    JsonObject shared = copy.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject());
    shared.fieldNames().forEach(name -> responses.add(shared.getJsonObject(name)));
    for (JsonObject response : responses) {
      JsonObject content = response.getJsonObject("content");
      if (content == null) {
        continue;
      }
      JsonObject supported = new JsonObject();
      for (String type : content.fieldNames()) {
        String key = MediaType.isMediaTypeSupported(type) ? type
          : type.endsWith("+json") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM;
        supported.put(key, key.equals(MediaType.APPLICATION_OCTET_STREAM) ? new JsonObject() : content.getValue(type));
      }
      response.put("content", supported);
    }
    return copy;
  }

  /** YAML to JSON with the safe constructor; keys (such as response codes) become strings, scalars stay JSON. */
  static JsonObject parse(Buffer yaml) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.toString(StandardCharsets.UTF_8));
    if (!(tree instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("an OpenAPI document is a YAML mapping");
    }
    return new JsonObject(jsonMap(map));
  }

  private static Map<String, Object> jsonMap(Map<?, ?> map) {
    Map<String, Object> json = new LinkedHashMap<>();
    map.forEach((key, value) -> json.put(String.valueOf(key), jsonValue(value)));
    return json;
  }

  private static Object jsonValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return jsonMap(map);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ApiContract::jsonValue).toList();
    }
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    // e.g. an unquoted date, which YAML reads as a timestamp: JSON has only its text
    return String.valueOf(value);
  }
}
