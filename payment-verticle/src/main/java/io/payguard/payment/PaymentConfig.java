package io.payguard.payment;

import io.payguard.config.DbConfig;
import io.payguard.config.HttpConfig;
import io.payguard.config.KafkaConfig;
import io.payguard.payment.outbox.OutboxConfig;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Everything the payment service is configured with, read once at start. */
public record PaymentConfig(HttpConfig http, int httpInstances, DbConfig db, KafkaConfig kafka,
                            OutboxConfig outbox) {

  /** Keys that may only come from the environment. */
  public static final List<String> SECRETS = List.of("db.password");

  public static PaymentConfig from(JsonObject json) {
    JsonObject http = json.getJsonObject("http", new JsonObject());
    return new PaymentConfig(
      HttpConfig.from(http),
      Math.max(1, http.getInteger("instances", Runtime.getRuntime().availableProcessors())),
      DbConfig.from(json.getJsonObject("db", new JsonObject())),
      KafkaConfig.from(json.getJsonObject("kafka", new JsonObject())),
      OutboxConfig.from(json.getJsonObject("outbox", new JsonObject())));
  }
}
