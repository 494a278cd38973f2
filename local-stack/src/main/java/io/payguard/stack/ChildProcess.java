package io.payguard.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JVM child process with its output appended to a log file, stopped with SIGTERM and, if need be,
 * SIGKILL. It can be started again after a stop, on the same files.
 */
final class ChildProcess {

  /**
   * Runs the child in its own session where the OS allows it, so a Ctrl-C in the terminal reaches only
   * our JVM, whose shutdown hook then stops the children in order (services before Kafka). setsid execs
   * in place, so the pid we hold is the child JVM's own.
   */
  private static final List<String> OWN_SESSION = Files.isExecutable(Path.of("/usr/bin/setsid"))
    ? List.of("/usr/bin/setsid") : List.of();

  /**
   * Starts the line written to the log before each start of the child. It is a JSON object in the shape
   * of the services' own log lines, so a service log stays JSON lines throughout (jq over the whole file).
   */
  private static final String RUN_MARKER = "{\"payguard_run\":\"started\"";
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ (more|common frames omitted))");

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

  /**
   * This JVM's class path with absolute entries, for a child JVM that needs our classes (Kafka). A
   * manifest-only jar (Surefire's booter) is fine here: {@code -cp} honours its Class-Path entries.
   */
  static String currentClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
      .filter(entry -> !entry.isBlank())
      .map(entry -> Path.of(entry).toAbsolutePath().toString())
      .collect(Collectors.joining(File.pathSeparator));
  }

  synchronized void start(List<String> javaArgs, Map<String, String> env) {
    start(javaExecutable(), javaArgs, env);
  }

  /** {@code java}: the executable of another JDK than this JVM's (the services': {@link ServiceJvm}). */
  synchronized void start(String java, List<String> javaArgs, Map<String, String> env) {
    if (isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>(OWN_SESSION);
    command.add(java);
    command.addAll(javaArgs);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      // The log is appended to across restarts; the marker lets logTail() show this run only.
      Files.writeString(logFile, runMarker(name, Instant.now()) + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
  synchronized void runToCompletion(List<String> javaArgs, long timeoutSeconds) {
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
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + " interrupted", e);
    } finally {
      process = null;
    }
  }

  /** The run marker: one JSON line ({@code name} is ours, a plain word, so it needs no escaping). */
  static String runMarker(String name, Instant at) {
    return RUN_MARKER + ",\"timestamp\":" + at.toEpochMilli() + ",\"level\":\"INFO\""
      + ",\"loggerName\":\"io.payguard.stack.LocalStack\",\"formattedMessage\":\"--- payguard started "
      + name + " at " + at + "\"}";
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

  /**
   * The last lines of the log without stack frames (the messages and causes are what tell), indented,
   * for an error message that should not send people digging.
   */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      int run = 0;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).startsWith(RUN_MARKER)) {
          run = i;
        }
      }
      List<String> told = all.subList(run, all.size()).stream()
        .filter(line -> !STACK_FRAME.matcher(line).find())
        .toList();
      return told.subList(Math.max(0, told.size() - lines), told.size()).stream()
        .map(line -> "    " + line).collect(Collectors.joining("\n"));
    } catch (IOException | UncheckedIOException e) {
      return "    (no log yet)";
    }
  }
}
