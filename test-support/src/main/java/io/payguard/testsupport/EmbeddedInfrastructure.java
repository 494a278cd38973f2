package io.payguard.testsupport;

import io.payguard.stack.DatabaseBootstrap;
import io.payguard.stack.KafkaServer;
import io.payguard.stack.PostgresServer;
import io.payguard.stack.Secrets;

/**
 * The local stack's own servers, on free ports and throw-away directories: what tests run on when there
 * is no Docker engine. Same binaries, bootstrap and topics as README command 1.
 */
final class EmbeddedInfrastructure implements AutoCloseable {

  private final PostgresServer postgres = PostgresServer.temporary();
  private final KafkaServer kafka = KafkaServer.temporary();
  private final Infrastructure facts;

  EmbeddedInfrastructure() {
    String paymentPassword = Secrets.random();
    String riskPassword = Secrets.random();
    try {
      postgres.start();
      DatabaseBootstrap.apply(postgres, paymentPassword, riskPassword);
      kafka.start();
      kafka.createTopics(KafkaServer.PAYGUARD_TOPICS);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    facts = new Infrastructure("127.0.0.1", postgres.port(), DatabaseBootstrap.DATABASE,
      "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + DatabaseBootstrap.DATABASE,
      PostgresServer.SUPERUSER, "",
      DatabaseBootstrap.PAYMENT_ROLE, paymentPassword,
      DatabaseBootstrap.RISK_ROLE, riskPassword,
      kafka.bootstrapServers());
  }

  Infrastructure facts() {
    return facts;
  }

  /** Both servers are thrown away: Kafka is killed rather than stopped, which saves seconds per JVM. */
  @Override
  public void close() {
    kafka.close();
    postgres.close();
  }
}
