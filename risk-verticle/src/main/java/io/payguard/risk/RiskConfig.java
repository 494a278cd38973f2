package io.payguard.risk;

import io.payguard.config.ApiKeyConfig;
import io.payguard.config.DbConfig;
import io.payguard.config.HttpConfig;
import io.payguard.config.KafkaConfig;
import io.payguard.kafka.ConsumerSettings;
import io.payguard.outbox.OutboxConfig;
import io.payguard.overload.OverloadConfig;
import io.payguard.service.ServiceConfig;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Everything the risk service is configured with, read once at start. */
public record RiskConfig(HttpConfig http, DbConfig db, KafkaConfig kafka, ConsumerSettings consumer,
                         OutboxConfig outbox, RulesSource rules, ApiKeyConfig apiKeys, OverloadConfig overload)
  implements ServiceConfig {

  /** Where the rules file is and how often it is checked for changes. */
  public record RulesSource(String file, long scanPeriodMs) {
  }

  /** Keys that may only come from the environment. */
  public static final List<String> SECRETS = List.of("db.password", ApiKeyConfig.SECRET_PATH);

  public static RiskConfig from(JsonObject json) {
    JsonObject rules = json.getJsonObject("rules", new JsonObject());
    return new RiskConfig(
      HttpConfig.from(json.getJsonObject("http", new JsonObject())),
      DbConfig.from(json.getJsonObject("db", new JsonObject())),
      KafkaConfig.from(json.getJsonObject("kafka", new JsonObject())),
      ConsumerSettings.from(json.getJsonObject("consumer", new JsonObject())),
      OutboxConfig.from(json.getJsonObject("outbox", new JsonObject())),
      new RulesSource(rules.getString("file", "conf/risk-rules.json"), rules.getLong("scanPeriodMs", 1000L)),
      ApiKeyConfig.from(json),
      OverloadConfig.from(json.getJsonObject("overload", new JsonObject())));
  }
}
