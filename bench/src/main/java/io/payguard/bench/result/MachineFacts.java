package io.payguard.bench.result;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a number was measured: a result without its machine cannot be compared with anything. */
public final class MachineFacts {

  private MachineFacts() {
  }

  public static JsonObject collect() {
    Runtime rt = Runtime.getRuntime();
    JsonObject facts = new JsonObject()
      .put("cores", rt.availableProcessors())
      .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
      .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"))
      .put("bench_max_heap_mb", rt.maxMemory() / (1024 * 1024));
    firstLine(Path.of("/proc/cpuinfo"), "model name").ifPresent(v -> facts.put("cpu", v));
    firstLine(Path.of("/proc/meminfo"), "MemTotal").ifPresent(v -> facts.put("memory", v));
    // The load average at the start says whether the machine was quiet: these numbers mean little if not.
    readFirstLine(Path.of("/proc/loadavg")).ifPresent(v -> facts.put("loadavg_at_start", v));
    return facts;
  }

  private static java.util.Optional<String> firstLine(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static java.util.Optional<String> readFirstLine(Path file) {
    try {
      return Files.readAllLines(file).stream().findFirst().map(String::trim);
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
