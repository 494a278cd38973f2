package io.payguard.payment;

import io.payguard.config.ApiKeyConfig;
import io.payguard.config.DbConfig;
import io.payguard.config.HttpConfig;
import io.payguard.config.KafkaConfig;
import io.payguard.db.GroupCommit;
import io.payguard.kafka.ConsumerSettings;
import io.payguard.outbox.OutboxConfig;
import io.payguard.overload.OverloadConfig;
import io.payguard.payment.console.ConsoleConfig;
import io.payguard.payment.waiting.WaitConfig;
import io.payguard.payment.webhooks.WebhookConfig;
import io.payguard.service.ServiceConfig;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Everything the payment service is configured with, read once at start. */
public record PaymentConfig(HttpConfig http, long idempotencyTtlSeconds, DbConfig db,
                            KafkaConfig kafka, OutboxConfig outbox, ConsumerSettings consumer,
                            ApiKeyConfig apiKeys, OverloadConfig overload, GroupCommit.Settings groupCommit,
                            WaitConfig decisionWait, WebhookConfig webhooks, ConsoleConfig console)
  implements ServiceConfig {

  /** Keys that may only come from the environment. */
  public static final List<String> SECRETS = List.of("db.password", ApiKeyConfig.SECRET_PATH);

  public static PaymentConfig from(JsonObject json) {
    JsonObject http = json.getJsonObject("http", new JsonObject());
    return new PaymentConfig(
      HttpConfig.from(http),
      http.getLong("idempotencyTtlSeconds", 86_400L),
      DbConfig.from(json.getJsonObject("db", new JsonObject())),
      KafkaConfig.from(json.getJsonObject("kafka", new JsonObject())),
      OutboxConfig.from(json.getJsonObject("outbox", new JsonObject())),
      ConsumerSettings.from(json.getJsonObject("consumer", new JsonObject())),
      ApiKeyConfig.from(json),
      OverloadConfig.from(json.getJsonObject("overload", new JsonObject())),
      groupCommit(json.getJsonObject("groupCommit", new JsonObject())),
      WaitConfig.from(json.getJsonObject("decisionWait", new JsonObject())),
      WebhookConfig.from(json.getJsonObject("webhooks", new JsonObject())),
      ConsoleConfig.from(json.getJsonObject("console", new JsonObject())));
  }

  private static GroupCommit.Settings groupCommit(JsonObject json) {
    return new GroupCommit.Settings(json.getInteger("maxBatch", 64), json.getInteger("maxDelayMs", 1));
  }
}
