package io.payguard.testsupport;

import io.payguard.stack.Ports;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stoplight Prism (npm {@code @stoplight/prism-cli}) as a validating proxy in front of a running service:
 * a contract reader nobody here wrote. It forwards each request and reports what it finds wrong with the
 * request and the reply in the {@code sl-violations} header. Found at {@code $PAYGUARD_PRISM} (the
 * {@code prism} executable; {@code .ci/prism.sh} installs it); with {@code PAYGUARD_PRISM_REQUIRED=1} (CI)
 * a missing one is a failure, not a skipped test.
 */
public final class PrismProxy implements AutoCloseable {

  private final Process process;
  private final int port;
  private final StringBuilder output;

  private PrismProxy(Process process, int port, StringBuilder output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /** The executable, or empty when this machine has none and does not require one. */
  public static Optional<Path> executable() {
    String configured = System.getenv("PAYGUARD_PRISM");
    boolean required = "1".equals(System.getenv("PAYGUARD_PRISM_REQUIRED"));
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return Optional.of(Path.of(configured));
    }
    if (required) {
      throw new IllegalStateException("PAYGUARD_PRISM_REQUIRED=1 but PAYGUARD_PRISM (" + configured
        + ") is not an executable; run .ci/prism.sh");
    }
    return Optional.empty();
  }

  /**
   * Prism in front of {@code upstream} with {@code contracts/<service>.yaml}, or the calling test skipped
   * when this machine has none (and does not require one).
   */
  public static PrismProxy startOrSkip(String service, String upstream) throws Exception {
    Optional<Path> prism = executable();
    Assumptions.assumeTrue(prism.isPresent(), "no Prism on this machine (PAYGUARD_PRISM): .ci/prism.sh installs it");
    return start(prism.get(), Services.projectRoot().resolve("contracts/" + service + ".yaml"), upstream);
  }

  /** Prism on a free port, proxying to {@code upstream} with {@code contract}; ready when returned. */
  public static PrismProxy start(Path prism, Path contract, String upstream) throws Exception {
    int port = Ports.free();
    Process process = new ProcessBuilder(List.of(prism.toString(), "proxy", contract.toString(), upstream,
      "--host", "127.0.0.1", "--port", String.valueOf(port)))
      .redirectErrorStream(true).start();
    CompletableFuture<Boolean> listening = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
            if (output.length() > 40_000) {
              output.delete(0, output.length() - 20_000);
            }
          }
          if (line.contains("Prism is listening")) {
            listening.complete(true);
          }
        }
      } catch (IOException ended) {
        // the process is gone
      }
      listening.complete(false);
    }, "prism-output");
    reader.setDaemon(true);
    reader.start();
    if (!listening.get(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      synchronized (output) {
        throw new IllegalStateException("Prism did not start:\n" + output);
      }
    }
    return new PrismProxy(process, port, output);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public ApiClient api() {
    return new ApiClient(baseUrl());
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** The end of what Prism printed, for a post-mortem. */
  public String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
