package io.payguard.config;

import io.vertx.core.json.JsonObject;

/**
 * The brokers, the client identity of a service, and how it reaches the brokers: {@code securityProtocol}
 * {@code PLAINTEXT} or {@code SSL}, the brokers' certificates checked against the CA in {@code sslTrustCert}
 * (a PEM file) and their names against the addresses the cluster advertises.
 */
public record KafkaConfig(String bootstrapServers, String clientId, String groupId, String securityProtocol,
                          String sslTrustCert) {

  public static KafkaConfig from(JsonObject json) {
    return new KafkaConfig(
      json.getString("bootstrapServers", "127.0.0.1:9092"),
      json.getString("clientId", "payguard"),
      json.getString("groupId", "payguard"),
      json.getString("securityProtocol", "PLAINTEXT"),
      json.getString("sslTrustCert", ""));
  }

  public boolean tls() {
    return "SSL".equals(securityProtocol);
  }
}
