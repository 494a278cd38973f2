package io.payguard.testsupport;

import io.payguard.stack.DatabaseBootstrap;
import io.payguard.stack.Deletion;
import io.payguard.stack.KafkaServer;
import io.payguard.stack.Ports;
import io.payguard.stack.PostgresServer;
import io.payguard.stack.Secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The local stack's own servers, on free ports and a throw-away directory: what tests run on when there
 * is no Docker engine. Same binaries, bootstrap and topics as README command 1.
 */
final class EmbeddedInfrastructure implements AutoCloseable {

  private final PostgresServer postgres;
  private final KafkaServer kafka;
  private final Infrastructure facts;
  private final Path dir;

  EmbeddedInfrastructure() {
    try {
      dir = Files.createTempDirectory("payguard-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String paymentPassword = Secrets.random();
    String riskPassword = Secrets.random();
    postgres = new PostgresServer(dir.resolve("postgres"), Ports.free()).start();
    DatabaseBootstrap.apply(postgres, paymentPassword, riskPassword);
    kafka = new KafkaServer(dir.resolve("kafka"), Ports.free(), Ports.free()).start(Duration.ofSeconds(90));
    kafka.createTopics(KafkaServer.PAYGUARD_TOPICS);
    facts = new Infrastructure("127.0.0.1", postgres.port(), DatabaseBootstrap.DATABASE,
      "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + DatabaseBootstrap.DATABASE,
      PostgresServer.SUPERUSER, "", paymentPassword, riskPassword, kafka.bootstrapServers());
  }

  Infrastructure facts() {
    return facts;
  }

  KafkaServer kafka() {
    return kafka;
  }

  PostgresServer postgres() {
    return postgres;
  }

  @Override
  public void close() {
    kafka.kill();
    postgres.stop();
    Deletion.recursively(dir);
  }
}
