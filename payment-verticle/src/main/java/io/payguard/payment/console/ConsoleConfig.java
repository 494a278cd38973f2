package io.payguard.payment.console;

import io.vertx.core.json.JsonObject;

/** The risk console: where browsers reach the risk service's API ({@code console.riskUrl}). */
public record ConsoleConfig(String riskUrl) {

  public static ConsoleConfig from(JsonObject json) {
    return new ConsoleConfig(json.getString("riskUrl", "http://127.0.0.1:8001"));
  }
}
