package io.payguard.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller, no ZooKeeper), run as a
 * separate JVM so it can be stopped and restarted like a real one. Its log directory persists.
 */
public final class KafkaServer implements AutoCloseable {

  /** A topic and its partition count. */
  public record Topic(String name, int partitions) {
  }

  public static final List<Topic> PAYGUARD_TOPICS = List.of(
    new Topic("payment_request", 6),
    new Topic("payment_request.dlq", 1),
    new Topic("risk_assessment", 6),
    new Topic("risk_assessment.dlq", 1));

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final ChildProcess process;

  public KafkaServer(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.process = new ChildProcess("kafka", dir.resolveSibling("kafka.log"));
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public synchronized KafkaServer start(Duration timeout) {
    Path properties = writeConfig();
    if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
      new ChildProcess("kafka storage format", dir.resolveSibling("kafka.log")).runToCompletion(List.of(
        "-cp", System.getProperty("java.class.path"), "kafka.tools.StorageTool",
        "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()), 120);
    }
    process.start(List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
      "-Dlogback.configurationFile=" + writeLogConfig(),
      "-cp", System.getProperty("java.class.path"), "kafka.Kafka", properties.toString()), Map.of());
    awaitReady(timeout);
    return this;
  }

  /** A graceful stop (SIGTERM): the broker flushes and closes its logs. */
  public synchronized void stop() {
    process.stop(60);
  }

  /** A crash (SIGKILL). */
  public synchronized void kill() {
    process.kill();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  public void createTopics(List<Topic> topics) {
    try (Admin admin = admin()) {
      for (Topic topic : topics) {
        try {
          admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), (short) 1))).all()
            .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("could not create topic " + topic.name(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out creating topics", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private Admin admin() {
    return Admin.create(Map.of(
      AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
      AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Kafka exited during start-up; see " + process.logFile());
      }
      try (Admin admin = admin()) {
        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      sleep(200);
    }
    throw new IllegalStateException("Kafka not ready after " + timeout + "; see " + process.logFile(), last);
  }

  private Path writeConfig() {
    try {
      Files.createDirectories(dir.resolve("logs"));
      Path file = dir.resolve("server.properties");
      Files.writeString(file, """
        # Written by payguard's local stack: one node that is both broker and controller (KRaft).
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@127.0.0.1:%2$d
        listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
        advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
        log.dirs=%3$s
        num.partitions=6
        auto.create.topics.enable=false
        offsets.topic.replication.factor=1
        offsets.topic.num.partitions=6
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        group.initial.rebalance.delay.ms=0
        """.formatted(port, controllerPort, dir.resolve("logs").toAbsolutePath()));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path writeLogConfig() {
    try {
      Path file = dir.resolve("logback.xml");
      Files.writeString(file, """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d %-5level %logger{30} - %msg%n</pattern></encoder>
          </appender>
          <logger name="org.apache.kafka" level="WARN"/>
          <logger name="kafka" level="WARN"/>
          <logger name="state.change.logger" level="WARN"/>
          <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
