package io.payguard.config;

import io.vertx.core.json.JsonObject;

/** The broker and the client identity of a service. */
public record KafkaConfig(String bootstrapServers, String clientId, String groupId) {

  public static KafkaConfig from(JsonObject json) {
    return new KafkaConfig(
      json.getString("bootstrapServers", "127.0.0.1:9092"),
      json.getString("clientId", "payguard"),
      json.getString("groupId", "payguard"));
  }
}
