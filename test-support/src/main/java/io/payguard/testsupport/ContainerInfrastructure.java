package io.payguard.testsupport;

import io.payguard.stack.DatabaseBootstrap;
import io.payguard.stack.KafkaServer;
import io.payguard.stack.Secrets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** PostgreSQL and Kafka in containers, for machines with a Docker engine. */
final class ContainerInfrastructure implements AutoCloseable {

  private final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:17"))
    .withDatabaseName(DatabaseBootstrap.DATABASE);
  private final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"));
  private final Infrastructure facts;

  ContainerInfrastructure() throws Exception {
    postgres.start();
    kafka.start();
    String paymentPassword = Secrets.random();
    String riskPassword = Secrets.random();
    String script = rolesScript(paymentPassword, riskPassword);
    try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
      postgres.getPassword()); Statement s = c.createStatement()) {
      s.execute(script);
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBootstrapServers()))) {
      admin.createTopics(KafkaServer.PAYGUARD_TOPICS.stream()
        .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)).toList()).all().get(60, TimeUnit.SECONDS);
    }
    facts = new Infrastructure(postgres.getHost(), postgres.getMappedPort(5432), DatabaseBootstrap.DATABASE,
      postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(), paymentPassword, riskPassword,
      kafka.getBootstrapServers());
  }

  private static String rolesScript(String paymentPassword, String riskPassword) {
    return DatabaseBootstrap.script(paymentPassword, riskPassword);
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
