package io.payguard.system;

import io.payguard.stack.Ports;
import io.payguard.stack.Secrets;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A compose file of docker/ brought up as a project of its own (free ports, generated secrets), driven as
 * an operator would: docker-compose for the project, the engine's CLI (podman or docker) for what happens
 * to single containers. The images are whatever the PAYGUARD_*_IMAGE variables name (docker/images.sh).
 * {@link #single()} is docker/compose.yaml; {@link #cluster(PrivateCa)} is docker/cluster.yaml with its
 * certificates.
 */
final class ComposeStack implements AutoCloseable {

  private final String project;
  private final String file;
  private final Path root = Services.projectRoot();
  private final String engine = System.getenv().getOrDefault("PAYGUARD_ENGINE", "podman");
  private final Map<String, String> env = new HashMap<>(System.getenv());
  private final String postgresPassword = Secrets.random();
  private final Map<String, Integer> ports = new HashMap<>();
  private final String scheme;
  private final String paymentPort;
  private final String riskPort;
  private final String jdbcOptions;
  private final HttpClient http;
  private final Path log;

  private ComposeStack(String file, String project, String scheme, String paymentPort, String riskPort,
                       String jdbcOptions, HttpClient http, Map<String, String> extraEnv, List<String> portVariables)
    throws IOException {
    this.file = file;
    this.project = project;
    this.scheme = scheme;
    this.paymentPort = paymentPort;
    this.riskPort = riskPort;
    this.jdbcOptions = jdbcOptions;
    this.http = http;
    env.put("POSTGRES_PASSWORD", postgresPassword);
    env.put("PAYMENT_DB_PASSWORD", Secrets.random());
    env.put("RISK_DB_PASSWORD", Secrets.random());
    env.put("PAYGUARD_API_KEYS", TestStack.API_KEY);
    env.putAll(extraEnv);
    pickPorts(portVariables);
    log = Files.createTempFile("payguard-" + project + "-", ".log");
  }

  /** docker/compose.yaml: one container of each part, plain HTTP, published on free ports. */
  static ComposeStack single() throws IOException {
    return new ComposeStack("docker/compose.yaml", "payguard-it", "http", "PAYGUARD_PAYMENT_PORT",
      "PAYGUARD_RISK_PORT", "", HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), Map.of(),
      List.of("PAYGUARD_PAYMENT_PORT", "PAYGUARD_RISK_PORT", "PAYGUARD_PG_PORT"));
  }

  /**
   * docker/cluster.yaml with the certificates of {@code ca} (docker/cluster/certs.sh): HTTPS through the
   * load balancer, PostgreSQL and the brokers' external listeners over TLS only.
   */
  static ComposeStack cluster(PrivateCa ca) throws IOException {
    return new ComposeStack("docker/cluster.yaml", "payguard-cluster-it", "https", "PAYGUARD_LB_PAYMENT_PORT",
      "PAYGUARD_LB_RISK_PORT", "?sslmode=verify-full&sslrootcert=" + ca.certificate(), ca.httpClient(),
      Map.of("PAYGUARD_CERTS", ca.directory().toString()),
      List.of("PAYGUARD_LB_PAYMENT_PORT", "PAYGUARD_LB_RISK_PORT", "PAYGUARD_PG_PORT", "PAYGUARD_KAFKA_1_PORT",
        "PAYGUARD_KAFKA_2_PORT", "PAYGUARD_KAFKA_3_PORT"));
  }

  /** The host port published for {@code variable} (PAYGUARD_PG_PORT, PAYGUARD_KAFKA_1_PORT, ...). */
  int port(String variable) {
    return ports.get(variable);
  }

  /** The HTTP client that reaches this deployment's published ports (the private CA trusted, for HTTPS). */
  HttpClient http() {
    return http;
  }

  ApiClient api(String baseUrl) {
    return new ApiClient(baseUrl, http);
  }

  /** True where an engine answers and the images to run were named (docker/images.sh, or a registry). */
  static boolean available() {
    return System.getenv("PAYGUARD_IMAGE") != null && System.getenv("DOCKER_HOST") != null;
  }

  String paymentUrl() {
    return scheme + "://localhost:" + port(paymentPort);
  }

  String riskUrl() {
    return scheme + "://localhost:" + port(riskPort);
  }

  /** The deployment's PostgreSQL through its published port, as its superuser (over TLS in the cluster). */
  Connection database() throws Exception {
    return DriverManager.getConnection(jdbcUrl() + jdbcOptions, "postgres", postgresPassword);
  }

  /** The published PostgreSQL without connection options. */
  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port("PAYGUARD_PG_PORT") + "/payguard";
  }

  String postgresPassword() {
    return postgresPassword;
  }

  void up() throws Exception {
    for (int attempt = 1; ; attempt++) {
      down();
      try {
        compose(Duration.ofMinutes(5), "up", "-d", "--no-build");
        return;
      } catch (IllegalStateException e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("address already in use")) {
          throw e;
        }
        // A port found free when this stack was made was taken before the engine published it: new ones.
        pickPorts(List.copyOf(ports.keySet()));
      }
    }
  }

  /** A free port for each variable, published by the compose file where it names that variable. */
  private void pickPorts(List<String> variables) {
    for (String variable : variables) {
      int port = Ports.free();
      ports.put(variable, port);
      env.put(variable, String.valueOf(port));
    }
  }

  /** Removes the containers, the network and the volumes, whatever state they are in. */
  void down() throws Exception {
    compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "-t", "30");
  }

  String container(String service) throws Exception {
    return compose(Duration.ofSeconds(30), "ps", "-q", service).strip();
  }

  /** The engine's view of one container: a Go template over {@code inspect}, such as {@code {{.RestartCount}}}. */
  String inspect(String service, String template) throws Exception {
    return engine(Duration.ofSeconds(30), "inspect", "--format", template, container(service)).strip();
  }

  /** Waits until the engine reports the service's health check passing. */
  Duration awaitHealthy(String service, Duration timeout) throws Exception {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (inspect(service, "{{.State.Health.Status}}").equals("healthy")) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
      Thread.sleep(200);
    }
    throw new AssertionError(service + " not healthy within " + timeout + "; logs: " + logs(service));
  }

  /** Waits until the service at {@code baseUrl} answers {@code GET /health/ready} with 200. */
  Duration awaitReady(String baseUrl, Duration timeout) throws Exception {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - started);
        }
      } catch (IOException notYet) {
        // connection refused or timed out: not ready
      }
      Thread.sleep(200);
    }
    throw new AssertionError(baseUrl + " not ready within " + timeout);
  }

  /** A crash: SIGKILL to the container's main process from the host, which the restart policy answers. */
  void crash(String service) throws Exception {
    run(List.of("kill", "-9", inspect(service, "{{.State.Pid}}")), Duration.ofSeconds(10));
  }

  void restart(String service) throws Exception {
    engine(Duration.ofMinutes(2), "restart", "-t", "30", container(service));
  }

  void stop(String service) throws Exception {
    engine(Duration.ofMinutes(2), "stop", "-t", "30", container(service));
  }

  void start(String service) throws Exception {
    engine(Duration.ofMinutes(2), "start", container(service));
  }

  /** Freezes every process of the container (the cgroup freezer): a VM pause, as the services see it. */
  void pause(String service) throws Exception {
    engine(Duration.ofSeconds(30), "pause", container(service));
  }

  void unpause(String service) throws Exception {
    engine(Duration.ofSeconds(30), "unpause", container(service));
  }

  String logs(String service) throws Exception {
    String all = compose(Duration.ofSeconds(30), "logs", "--no-color", "--tail", "40", service);
    return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
  }

  @Override
  public void close() throws Exception {
    down();
  }

  private String compose(Duration timeout, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker-compose", "-p", project, "-f",
      root.resolve(file).toString()));
    command.addAll(List.of(args));
    return run(command, timeout);
  }

  private String engine(Duration timeout, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(engine));
    command.addAll(List.of(args));
    return run(command, timeout);
  }

  private String run(List<String> command, Duration timeout) throws Exception {
    // conmon leaves an empty "oom" file in the working directory of some podman commands: not the checkout.
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(log.getParent().toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    Files.writeString(log, "$ " + String.join(" ", command) + "\n" + text, StandardCharsets.UTF_8,
      StandardOpenOption.APPEND);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
    }
    return text;
  }
}
