package io.payguard.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM child process with its output in a log file, stopped with SIGTERM and, if need be, SIGKILL. */
final class ChildProcess {

  private final String name;
  private final Path logFile;
  private Process process;

  ChildProcess(String name, Path logFile) {
    this.name = name;
    this.logFile = logFile;
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  synchronized void start(List<String> javaArgs, Map<String, String> env) {
    if (isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(javaArgs);
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Runs a command to completion (e.g. a one-off tool) and fails if it exits non-zero. */
  void runToCompletion(List<String> javaArgs, long timeoutSeconds) {
    start(javaArgs, Map.of());
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " timed out; see " + logFile);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + "; see " + logFile);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      process = null;
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** SIGTERM, a bounded wait for a clean exit, then SIGKILL. */
  synchronized void stop(long graceSeconds) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** SIGKILL at once: what a crash looks like. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  Path logFile() {
    return logFile;
  }
}
