package io.payguard.contract;

import io.payguard.http.ApiKeyAuth;
import io.payguard.http.ProblemException;
import io.payguard.http.Scopes;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityRequirement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may call what, as the contract declares it: an operation's {@code security: [{apiKey: [scope]}]}
 * names the one {@link Scopes scope} a key needs for it (none: any valid key; {@code security: []}: no
 * key at all). A key without the scope gets 403 before anything is read or written.
 */
public final class OperationScopes {

  private final Map<String, String> needed = new HashMap<>();

  /** Operations any valid key may call: what a key holds is every key's to know. */
  private static final java.util.Set<String> ANY_KEY = java.util.Set.of("getMe");

  /**
   * @throws IllegalStateException when an operation that needs a key names no scope: a forgotten scope
   *   must stop the service, not open the operation to every key
   */
  public OperationScopes(OpenAPIContract contract) {
    for (Operation operation : contract.operations()) {
      String scope = scope(operation);
      List<SecurityRequirement> requirements = operation.getSecurityRequirements();
      boolean open = requirements != null && requirements.isEmpty();
      if (scope == null && !open && !ANY_KEY.contains(operation.getOperationId())) {
        throw new IllegalStateException("operation " + operation.getOperationId() + " needs a key but names no scope"
          + " (security: [{apiKey: [<scope>]}])");
      }
      needed.put(operation.getOperationId(), scope);
    }
  }

  /** The scope {@code operationId} needs, or null when any key may call it. */
  public String of(String operationId) {
    return needed.get(operationId);
  }

  /** @throws ProblemException 403 when the request's key lacks the operation's scope */
  public void check(RoutingContext ctx, Operation operation) {
    String scope = needed.get(operation.getOperationId());
    if (!Scopes.allows(ApiKeyAuth.scopes(ctx), scope)) {
      throw ProblemException.forbidden("The API key '" + ApiKeyAuth.keyName(ctx) + "' lacks the scope '" + scope
        + "' this operation needs.");
    }
  }

  private static String scope(Operation operation) {
    List<SecurityRequirement> requirements = operation.getSecurityRequirements();
    if (requirements == null) {
      return null;
    }
    for (SecurityRequirement requirement : requirements) {
      for (String name : requirement.getNames()) {
        List<String> scopes = requirement.getScopes(name);
        if (scopes != null && !scopes.isEmpty()) {
          return scopes.get(0);
        }
      }
    }
    return null;
  }
}
