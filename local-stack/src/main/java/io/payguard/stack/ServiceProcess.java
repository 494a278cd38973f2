package io.payguard.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One payguard service fat jar run as its own OS process, as in production. */
public final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final ServiceJvm jvm;
  private final Path jar;
  private final Path conf;
  private final int httpPort;
  private final Map<String, String> env;
  private final List<String> jvmOptions;
  private final ChildProcess process;

  public ServiceProcess(String name, ServiceJvm jvm, Path jar, Path conf, int httpPort, Map<String, String> env,
                        List<String> jvmOptions, Path logFile) {
    this.name = name;
    this.jvm = jvm;
    this.jar = jar;
    this.conf = conf;
    this.httpPort = httpPort;
    Map<String, String> all = new HashMap<>();
    ServiceJvm.DEFAULT_ENVIRONMENT.forEach((key, value) -> {
      if (System.getenv(key) == null) { // the operator's own setting wins
        all.put(key, value);
      }
    });
    all.putAll(env);
    this.env = Map.copyOf(all);
    this.jvmOptions = List.copyOf(jvmOptions);
    this.process = new ChildProcess(name, logFile);
  }

  /** Fails with a message that says what to do when the jar or its configuration file is missing. */
  public void requireFiles() {
    requireFiles(name, jar, conf);
  }

  public static void requireFiles(String name, Path jar, Path conf) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(name + " service jar not found at " + jar
        + "; build it first: ./mvnw -B -DskipTests package");
    }
    if (!Files.isRegularFile(conf)) {
      throw new IllegalStateException(name + " configuration not found at " + conf);
    }
  }

  /** Starts the service as {@code <jvm>/bin/java [jvm options] -jar <jar> -conf <conf>}; returns at once. */
  public ServiceProcess start() {
    requireFiles();
    var args = new java.util.ArrayList<>(jvmOptions);
    args.addAll(List.of("-jar", jar.toString(), "-conf", conf.toString()));
    process.start(jvm.java(), args, env);
    return this;
  }

  /** Polls {@code GET /health/ready} (which checks the database and Kafka) until it answers 200. */
  public void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI health = URI.create(baseUrl() + "/health/ready");
    HttpRequest ready = HttpRequest.newBuilder(health)
      .timeout(Duration.ofSeconds(3)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up; see " + process.logFile()
          + ", which ends with:\n" + process.logTail(15));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      } catch (Exception notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(name + " not ready at " + health + " after " + timeout + "; see "
      + process.logFile() + ", which ends with:\n" + process.logTail(15));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM: the service's graceful shutdown. */
  public void stop() {
    process.stop(30);
  }

  /** SIGKILL: a crash. */
  public void kill() {
    process.kill();
  }

  public Path logFile() {
    return process.logFile();
  }

  @Override
  public void close() {
    stop();
  }
}
