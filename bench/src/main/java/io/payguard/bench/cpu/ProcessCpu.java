package io.payguard.bench.cpu;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the processes that make up the system under test, read from {@code /proc}: each named
 * process with its live descendants and the CPU of the descendants it has already reaped
 * ({@code cutime}/{@code cstime}), so PostgreSQL counts every backend, including one that exited. A
 * PostgreSQL backend is counted under its role ({@code postgres:payment_svc}), the server's own
 * processes under {@code postgres:server}. The load generator (this process) is its own part.
 */
public final class ProcessCpu {

  /** Linux reports CPU in clock ticks of USER_HZ, 100 on every architecture it runs on here. */
  static final long TICKS_PER_SECOND = 100;
  public static final String GENERATOR = "generator";

  private final Path proc;
  private final Map<String, Long> roots;

  ProcessCpu(Path proc, Map<String, Long> roots) {
    this.proc = proc;
    this.roots = roots;
  }

  /** {@code spec}: {@code name=pid,name=pid,...}, e.g. {@code payment=12,risk=13,kafka=14,postgres=15}. */
  public static ProcessCpu of(String spec) {
    Map<String, Long> roots = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] nameAndPid = part.trim().split("=", 2);
      if (nameAndPid.length != 2 || nameAndPid[0].isBlank()) {
        throw new IllegalArgumentException("--cpu wants name=pid,...; got '" + part + "'");
      }
      long pid = Long.parseLong(nameAndPid[1].trim());
      if (roots.containsValue(pid)) {
        // Two names for one process would count its CPU twice (a pid lookup that found the wrong child).
        throw new IllegalArgumentException("--cpu names pid " + pid + " twice: " + spec);
      }
      roots.put(nameAndPid[0].trim(), pid);
    }
    return new ProcessCpu(Path.of("/proc"), roots);
  }

  /** The processes watched, as given. */
  public String describe() {
    return roots.toString();
  }

  /** CPU ticks used so far, by part. */
  public Map<String, Long> sample() {
    Map<String, List<Long>> children = childrenByParent();
    Map<String, Long> ticks = new LinkedHashMap<>();
    roots.forEach((name, pid) -> {
      Stat root = stat(pid);
      if (root == null) {
        throw new IllegalStateException("process " + name + " (pid " + pid + ") is not running");
      }
      ticks.merge(partOf(name, root, true), root.own() + root.reaped(), Long::sum);
      for (long child : descendants(pid, children)) {
        Stat s = stat(child);
        if (s != null) {
          ticks.merge(partOf(name, s, false), s.own(), Long::sum);
        }
      }
    });
    Stat self = stat(ProcessHandle.current().pid());
    ticks.put(GENERATOR, self == null ? 0 : self.own());
    return ticks;
  }

  /**
   * Each watched process's own resident memory now and at its peak ({@code VmRSS}, {@code VmHWM} of
   * {@code /proc/<pid>/status}), in MB; its descendants are not added (PostgreSQL's backends share most of
   * their pages, which a sum would count many times).
   */
  public JsonObject memory() {
    JsonObject memory = new JsonObject();
    roots.forEach((name, pid) -> {
      try {
        JsonObject one = new JsonObject();
        for (String line : Files.readAllLines(proc.resolve(pid + "/status"), StandardCharsets.UTF_8)) {
          if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            one.put(line.startsWith("VmRSS:") ? "rss_mb" : "peak_rss_mb", Math.round(kb / 102.4) / 10.0);
          }
        }
        memory.put(name, one);
      } catch (IOException gone) {
        memory.put(name, new JsonObject().put("error", "no /proc/" + pid + "/status"));
      }
    });
    return memory;
  }

  /**
   * What {@code after - before} cost per decided payment, in ms, by part, with the servers' total
   * (everything but the generator).
   */
  public static JsonObject perPayment(Map<String, Long> before, Map<String, Long> after, long decided, double seconds) {
    JsonObject cpuSeconds = new JsonObject();
    JsonObject msPerPayment = new JsonObject();
    long serverTicks = 0;
    for (var entry : after.entrySet()) {
      long used = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
      cpuSeconds.put(entry.getKey(), (double) used / TICKS_PER_SECOND);
      msPerPayment.put(entry.getKey(), decided == 0 ? null : used * 1000.0 / TICKS_PER_SECOND / decided);
      if (!entry.getKey().equals(GENERATOR)) {
        serverTicks += used;
      }
    }
    return new JsonObject()
      .put("source", "/proc/<pid>/stat utime+stime of each process and its descendants (+ cutime/cstime of reaped ones)")
      .put("interval_s", seconds)
      .put("decided", decided)
      .put("cpu_s", cpuSeconds)
      .put("ms_per_decided_payment", msPerPayment)
      .put("servers_ms_per_decided_payment", decided == 0 ? null : serverTicks * 1000.0 / TICKS_PER_SECOND / decided)
      .put("servers_cores_busy", seconds <= 0 ? null : serverTicks / (double) TICKS_PER_SECOND / seconds);
  }

  /**
   * A PostgreSQL backend's title is {@code postgres: <role> <db> <host(port)|[local]> <state>}; the
   * server's own processes ({@code postgres: logical replication launcher}) have no client in it.
   */
  private static String partOf(String root, Stat stat, boolean isRoot) {
    if (!root.equals("postgres")) {
      return root;
    }
    String[] title = stat.cmdline().trim().split("\\s+");
    boolean backend = !isRoot && title.length >= 5 && title[0].equals("postgres:")
      && (title[3].endsWith(")") || title[3].equals("[local]"));
    return backend ? "postgres:" + title[1] : "postgres:server";
  }

  private static List<Long> descendants(long pid, Map<String, List<Long>> children) {
    List<Long> found = new ArrayList<>();
    List<Long> frontier = new ArrayList<>(List.of(pid));
    while (!frontier.isEmpty()) {
      long parent = frontier.remove(frontier.size() - 1);
      for (long child : children.getOrDefault(String.valueOf(parent), List.of())) {
        found.add(child);
        frontier.add(child);
      }
    }
    return found;
  }

  private Map<String, List<Long>> childrenByParent() {
    Map<String, List<Long>> children = new LinkedHashMap<>();
    try (Stream<Path> entries = Files.list(proc)) {
      entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
        Stat s = stat(Long.parseLong(n));
        if (s != null) {
          children.computeIfAbsent(String.valueOf(s.parent()), k -> new ArrayList<>()).add(Long.parseLong(n));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return children;
  }

  /** null when the process is gone (it may end between listing and reading). */
  private Stat stat(long pid) {
    try {
      String line = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8);
      String cmdline = Files.readString(proc.resolve(pid + "/cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
      return Stat.parse(line, cmdline);
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException e) {
      if (!Files.exists(proc.resolve(String.valueOf(pid)))) {
        return null;
      }
      throw new UncheckedIOException(e);
    }
  }

  /** The fields of {@code /proc/<pid>/stat} used here; the command name may hold spaces and parentheses. */
  record Stat(long parent, long utime, long stime, long cutime, long cstime, String cmdline) {

    static Stat parse(String line, String cmdline) {
      String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
      // f[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17.
      return new Stat(Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
        Long.parseLong(f[14]), cmdline);
    }

    long own() {
      return utime + stime;
    }

    long reaped() {
      return cutime + cstime;
    }
  }
}
