package io.payguard.testsupport;

import io.payguard.testsupport.ApiClient.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contract tests' checks over a service's OpenAPI contract (as the service loaded it): that every
 * documented operation is served, and that a reply matches what its operation documents.
 */
public final class ContractChecks {

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  private final Vertx vertx;
  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  public ContractChecks(Vertx vertx, OpenAPIContract contract) {
    this.vertx = vertx;
    this.contract = contract;
    this.validator = ResponseValidator.create(vertx, contract);
  }

  /** The contract at {@code classpath} (e.g. {@code openapi/risk.yaml}), loaded as the service loads it. */
  public static ContractChecks load(Vertx vertx, String classpath) throws Exception {
    return new ContractChecks(vertx, io.payguard.contract.ApiContract.load(vertx, classpath).toCompletionStage()
      .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS).contract());
  }

  public List<Operation> operations() {
    return contract.operations();
  }

  /** The operation's path with each {@code {param}} replaced by {@code values.apply(param)}. */
  private static final Pattern NEXT_LINK = Pattern.compile("<(/[^<>\\s]*)>; rel=\"next\"");

  public static String path(Operation op, Function<String, String> values) {
    Matcher m = PARAM.matcher(op.getOpenAPIPath());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(path, Matcher.quoteReplacement(values.apply(m.group(1))));
    }
    m.appendTail(path);
    return path.toString();
  }

  /**
   * Every operation that names a scope refuses, with its documented 403, a key that lacks it: {@code reader}
   * holds only payments.read, {@code writer} only payments.write (for the operations that need
   * payments.read). Path ids are made up and bodies empty: the scope is checked before anything else.
   * Returns how many operations were tried.
   */
  public int assertEveryScopeIsEnforced(ApiClient reader, ApiClient writer) throws Exception {
    int tried = 0;
    for (Operation op : contract.operations()) {
      var requirements = op.getSecurityRequirements();
      String scope = requirements == null ? null : requirements.stream().flatMap(r -> r.getNames().stream()
        .flatMap(name -> r.getScopes(name).stream())).findFirst().orElse(null);
      if (scope == null) {
        continue;
      }
      ApiClient lacking = scope.equals("payments.read") ? writer : reader;
      String path = path(op, name -> name.endsWith("_id") ? java.util.UUID.randomUUID().toString()
        : name.equals("name") ? "blocked_payees" : "x");
      Reply reply = op.getRequestBody() == null ? lacking.send(op.getHttpMethod().name(), path, null)
        : lacking.send(op.getHttpMethod().name(), path, Map.of("Content-Type", "application/json"),
          "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (reply.status() != 403) {
        throw new AssertionError(op.getOperationId() + " (" + scope + ") answered a key without its scope with "
          + reply.status() + ": " + reply.body());
      }
      assertDocumented(op.getOperationId(), reply);
      tried++;
    }
    return tried;
  }

  /**
   * The reply's status is documented for the operation, and its headers and body match the documented
   * response. (A problem+json body is checked against its schema under application/json: see
   * ApiContract.forValidator. Non-JSON bodies are checked by their content type only.)
   */
  public void assertDocumented(String operationId, Reply reply) {
    Operation op = contract.operation(operationId);
    if (op == null) {
      throw new AssertionError("no operation " + operationId + " in the contract");
    }
    if (op.getResponse(reply.status()) == null) {
      throw new AssertionError(operationId + " does not document status " + reply.status() + ": " + reply.body());
    }
    String contentType = reply.header("Content-Type");
    boolean json = contentType != null && contentType.split(";")[0].trim().endsWith("json");
    if (!json) {
      return;
    }
    Map<String, String> headers = new java.util.HashMap<>();
    reply.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
    String link = headers.keySet().stream().filter(name -> name.equalsIgnoreCase("Link")).findFirst()
      .map(headers::remove).orElse(null);
    if (link != null) {
      // The validator decodes a simple-style header as JSON and cannot read a value with quotes in it
      // (rel="next"), so the Link header is checked here: documented for this reply, and of its form.
      boolean documented = op.getResponse(reply.status()).getHeaders().stream()
        .anyMatch(h -> h.getName().equalsIgnoreCase("Link"));
      if (!documented || !NEXT_LINK.matcher(link).matches()) {
        throw new AssertionError(operationId + " " + reply.status() + " has a Link header the contract does not describe: "
          + link);
      }
    }
    ValidatableResponse response =
      ValidatableResponse.create(reply.status(), headers, Buffer.buffer(reply.body()), "application/json");
    try {
      validator.validate(response, operationId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(operationId + " " + reply.status() + " does not match the contract: "
        + e.getCause().getMessage() + "\n" + reply.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Vertx vertx() {
    return vertx;
  }
}
