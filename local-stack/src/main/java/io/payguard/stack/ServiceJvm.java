package io.payguard.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK the services run on, and how. The services run on JDK 25 or newer where the machine has one
 * (its AOT cache makes a restarted service warm from its first request: docs/BENCHMARKS.md, issue 16),
 * otherwise on the JDK that runs the stack; the code itself needs 17.
 *
 * @param javaHome the JDK's directory ({@code bin/java} inside)
 * @param feature  its feature release (17, 25, ...)
 * @param version  its full version (an archive or AOT cache belongs to one build of one JDK)
 */
public record ServiceJvm(Path javaHome, int feature, String version) {

  /** From this release on the JDK is preferred for the services: the first with AOT caches of profiles. */
  static final int PREFERRED_FROM = 25;

  /**
   * The services' JVM options unless {@code PAYGUARD_SERVICE_JAVA_OPTS} says otherwise: C1 only, a small
   * heap and code cache, small thread stacks, the native heap trimmed. Measured against C2 on two cores
   * shared with PostgreSQL and Kafka (docs/BENCHMARKS.md): warm from the first minute after a restart
   * instead of seconds slow while C2 compiles, and about 170 MB instead of 240 MB per service, at the
   * price of about half the peak read rate.
   */
  public static final List<String> DEFAULT_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xms16m", "-Xmx128m",
    "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=96m", "-Xss256k", "-XX:+UseSerialGC",
    "-XX:TrimNativeHeapInterval=5000");

  /** glibc's per-thread malloc arenas (64 MB of address space each, much of it touched) add up to tens of MB. */
  static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"((\\d+)[^\"]*)\"");
  private static final Pattern RUNTIME_VERSION = Pattern.compile("(?m)^JAVA_RUNTIME_VERSION=\"([^\"]+)\"");

  /**
   * {@code PAYGUARD_SERVICE_JAVA_HOME} when set; otherwise the newest JDK of release 25 or later among
   * {@code JAVA_HOME}, this JVM's own and those installed under /usr/lib/jvm; otherwise this JVM's.
   */
  public static ServiceJvm find(Map<String, String> env) {
    return find(env, Path.of(System.getProperty("java.home")), Path.of("/usr/lib/jvm"));
  }

  static ServiceJvm find(Map<String, String> env, Path ownHome, Path installed) {
    String chosen = env.get("PAYGUARD_SERVICE_JAVA_HOME");
    if (chosen != null && !chosen.isBlank()) {
      Path home = Path.of(chosen.trim());
      return of(home).orElseThrow(() -> new IllegalArgumentException(
        "PAYGUARD_SERVICE_JAVA_HOME must name a JDK (a directory with bin/java and a release file), got '" + chosen + "'"));
    }
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(env.get("JAVA_HOME")).filter(h -> !h.isBlank()).map(Path::of).ifPresent(candidates::add);
    candidates.add(ownHome);
    if (Files.isDirectory(installed)) {
      try (Stream<Path> dirs = Files.list(installed)) {
        dirs.sorted().forEach(candidates::add);
      } catch (IOException ignored) {
        // nothing installed there that we can see: the other candidates remain
      }
    }
    ServiceJvm own = of(ownHome).orElse(new ServiceJvm(ownHome, Runtime.version().feature(), Runtime.version().toString()));
    return candidates.stream()
      .map(ServiceJvm::of).flatMap(Optional::stream)
      .filter(jvm -> jvm.feature() >= PREFERRED_FROM)
      .max(Comparator.comparingInt(ServiceJvm::feature))
      .orElse(own);
  }

  /** A JDK or JRE directory, read from its {@code release} file; empty when it is not one. */
  static Optional<ServiceJvm> of(Path home) {
    Path release = home.resolve("release");
    if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(release);
      Matcher version = JAVA_VERSION.matcher(text);
      if (!version.find()) {
        return Optional.empty();
      }
      Matcher runtime = RUNTIME_VERSION.matcher(text);
      String full = runtime.find() ? runtime.group(1) : version.group(1);
      return Optional.of(new ServiceJvm(home.toRealPath(), Integer.parseInt(version.group(2)), full));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public String java() {
    return javaHome.resolve("bin/java").toString();
  }

  @Override
  public String toString() {
    return "JDK " + feature + " (" + javaHome + ")";
  }
}
