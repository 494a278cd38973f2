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
import java.util.concurrent.TimeoutException;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller, no ZooKeeper), run as a
 * separate JVM so it can be stopped, killed and started again on the same log directory like a real one.
 * Its own log goes to {@code kafka.log} next to its directory.
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

  private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final boolean temporary;
  private final ChildProcess process;

  /** A broker whose data lives in {@code dir} across restarts. */
  public KafkaServer(Path dir, int port, int controllerPort) {
    this(dir, port, controllerPort, false);
  }

  private KafkaServer(Path dir, int port, int controllerPort, boolean temporary) {
    this.dir = dir.toAbsolutePath();
    this.port = port;
    this.controllerPort = controllerPort;
    this.temporary = temporary;
    this.process = new ChildProcess("kafka", this.dir.resolveSibling("kafka.log"));
  }

  /** A throw-away broker for tests: a new temporary directory, free ports; {@link #close()} deletes it. */
  public static KafkaServer temporary() {
    try {
      Path parent = Files.createTempDirectory("payguard-kafka-");
      return new KafkaServer(parent.resolve("kafka"), Ports.free(), Ports.free(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dir() {
    return dir;
  }

  public Path logFile() {
    return process.logFile();
  }

  public KafkaServer start() {
    return start(DEFAULT_START_TIMEOUT);
  }

  /** Formats the log directory on first use, starts the broker and waits until it serves clients. */
  public synchronized KafkaServer start(Duration timeout) {
    if (process.isAlive()) {
      return this;
    }
    Path properties = writeConfig();
    if (!Files.exists(logDir().resolve("meta.properties"))) {
      new ChildProcess("kafka storage format", logFile()).runToCompletion(List.of(
        "-cp", ChildProcess.currentClassPath(), "kafka.tools.StorageTool",
        "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()), 120);
    }
    process.start(List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
      "-Dlogback.configurationFile=" + writeLogConfig(),
      "-cp", ChildProcess.currentClassPath(),
      ParentWatch.class.getName(), String.valueOf(ProcessHandle.current().pid()),
      "kafka.Kafka", properties.toString()), Map.of());
    waitUntilReady(timeout);
    return this;
  }

  /** Waits until the broker answers a describeCluster with at least one node. */
  public void waitUntilReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Kafka exited during start-up; see " + logFile());
      }
      if (!Ports.accepts(port)) {
        // An admin client would log a warning per failed connection until the listener is up.
        sleep(100);
        continue;
      }
      try (Admin admin = admin()) {
        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Kafka", e);
      } catch (Exception e) {
        last = e;
      }
      sleep(200);
    }
    throw new IllegalStateException("Kafka not ready after " + timeout + "; see " + logFile(), last);
  }

  /** A graceful stop (SIGTERM): the broker flushes and closes its logs. */
  public void stop() {
    process.stop(60);
  }

  /** A crash (SIGKILL). */
  public void kill() {
    process.kill();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Creates the topics that do not exist yet (replication factor 1); existing ones are left as they are. */
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
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topics", e);
    }
  }

  /** Stops the broker; a temporary one is killed instead (its data is thrown away) and deleted. */
  @Override
  public void close() {
    if (temporary) {
      kill();
      Deletion.recursively(dir.getParent());
    } else {
      stop();
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(
      AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
      AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  private Path logDir() {
    return dir.resolve("logs");
  }

  private Path writeConfig() {
    try {
      Files.createDirectories(logDir());
      Path file = dir.resolve("server.properties");
      Files.writeString(file, """
        # Written by payguard's local stack at every start: one node that is both broker and controller (KRaft).
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
        # A single node: every replication factor is 1, so in-sync means this broker.
        default.replication.factor=1
        min.insync.replicas=1
        offsets.topic.replication.factor=1
        offsets.topic.num.partitions=6
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        # Consumers of a fresh group get their partitions at once instead of after 3 s.
        group.initial.rebalance.delay.ms=0
        """.formatted(port, controllerPort, logDir()));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The broker logs through SLF4J (logback here, log4j2 API calls bridged): WARN and up, plus "started". */
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
      throw new IllegalStateException("interrupted", e);
    }
  }
}
