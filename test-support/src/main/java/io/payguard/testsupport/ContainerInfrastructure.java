package io.payguard.testsupport;

import io.payguard.stack.DatabaseBootstrap;
import io.payguard.stack.KafkaServer;
import io.payguard.stack.Secrets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL and Kafka in containers, for machines with a Docker-compatible engine: the images
 * docker/compose.yaml runs, named by the same variables ({@code PAYGUARD_POSTGRES_IMAGE},
 * {@code PAYGUARD_KAFKA_IMAGE}; docker/images.sh prints substitutes built without a registry), with the
 * same bootstrap script (roles.sql) and topics as the embedded servers.
 */
final class ContainerInfrastructure implements AutoCloseable {

  private final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(
    image("PAYGUARD_POSTGRES_IMAGE", "postgres:17", "postgres")).withDatabaseName(DatabaseBootstrap.DATABASE);
  private final KafkaContainer kafka = new KafkaContainer(
    image("PAYGUARD_KAFKA_IMAGE", "apache/kafka:4.1.1", "apache/kafka"));
  private final Infrastructure facts;

  ContainerInfrastructure() throws Exception {
    String paymentPassword = Secrets.random();
    String riskPassword = Secrets.random();
    try {
      postgres.start();
      kafka.start();
      // The image created the database from withDatabaseName; its user is a superuser.
      try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
        postgres.getPassword()); Statement s = c.createStatement()) {
        s.execute(DatabaseBootstrap.script(paymentPassword, riskPassword));
      }
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
        admin.createTopics(KafkaServer.PAYGUARD_TOPICS.stream()
          .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)).toList()).all().get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      close();
      throw e;
    }
    facts = new Infrastructure(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
      DatabaseBootstrap.DATABASE, postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
      DatabaseBootstrap.PAYMENT_ROLE, paymentPassword,
      DatabaseBootstrap.RISK_ROLE, riskPassword,
      kafka.getBootstrapServers());
  }

  /** The image a variable names (or the public one), accepted by Testcontainers as the public one's stand-in. */
  private static DockerImageName image(String variable, String fallback, String standsFor) {
    String name = System.getenv().getOrDefault(variable, fallback);
    return DockerImageName.parse(name).asCompatibleSubstituteFor(standsFor);
  }

  Infrastructure facts() {
    return facts;
  }

  @Override
  public void close() {
    kafka.stop();
    postgres.stop();
  }
}
