package io.payguard.health;

import io.payguard.config.KafkaConfig;
import io.payguard.kafka.KafkaClients;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;

import java.util.Map;

/** The probes both services run: can the database answer, can the Kafka cluster be described. */
public final class DependencyChecks {

  private DependencyChecks() {
  }

  public static HealthCheck database(Pool pool) {
    return new HealthCheck("database", true, () -> pool.query("SELECT 1").execute());
  }

  /** {@code critical}: whether the service is useless without Kafka (risk) or only degraded (payment). */
  public static HealthCheck kafka(KafkaAdminClient admin, boolean critical) {
    return new HealthCheck("kafka", critical, admin::describeCluster);
  }

  /** An admin client that gives up quickly, for health probes only. */
  public static KafkaAdminClient kafkaAdmin(Vertx vertx, KafkaConfig kafka) {
    Map<String, String> config = KafkaClients.admin(kafka, "health");
    config.put("request.timeout.ms", "2000");
    config.put("default.api.timeout.ms", "2000");
    return KafkaAdminClient.create(vertx, config);
  }
}
