package io.payguard.bench.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of one subcommand. Every option a subcommand reads is remembered, so an
 * unknown or misspelt one fails the run instead of silently measuring something else.
 */
public final class Args {

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> read = new HashSet<>();

  private Args() {
  }

  public static Args parse(List<String> argv) {
    Args args = new Args();
    for (int i = 0; i < argv.size(); i++) {
      String token = argv.get(i);
      if (!token.startsWith("--") || token.length() == 2) {
        throw new IllegalArgumentException("expected --option, got '" + token + "'");
      }
      String name = token.substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        args.values.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (i + 1 < argv.size() && !argv.get(i + 1).startsWith("--")) {
        args.values.put(name, argv.get(++i));
      } else {
        args.values.put(name, "true");
      }
    }
    return args;
  }

  public String string(String name, String fallback) {
    read.add(name);
    return values.getOrDefault(name, fallback);
  }

  public String required(String name) {
    String value = string(name, null);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  public int integer(String name, int fallback) {
    String value = string(name, null);
    return value == null ? fallback : parse(name, value, Integer::parseInt);
  }

  public double decimal(String name, double fallback) {
    String value = string(name, null);
    return value == null ? fallback : parse(name, value, Double::parseDouble);
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(string(name, "false"));
  }

  /** {@code 20}, {@code 20s}, {@code 500ms}, {@code 2m}: a bare number is seconds. */
  public Duration duration(String name, Duration fallback) {
    String value = string(name, null);
    return value == null ? fallback : parse(name, value, Args::toDuration);
  }

  /** {@code 1,16,32}. */
  public List<Integer> integers(String name, List<Integer> fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    List<Integer> out = new ArrayList<>();
    for (String part : value.split(",")) {
      out.add(parse(name, part.trim(), Integer::parseInt));
    }
    return out;
  }

  /** Fails on options nobody read: call after the subcommand has read all of its own. */
  public void requireAllKnown() {
    List<String> unknown = values.keySet().stream().filter(k -> !read.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown));
    }
  }

  static Duration toDuration(String text) {
    String t = text.trim().toLowerCase();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    if (t.endsWith("m")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
    }
    return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
  }

  private interface Parser<T> {
    T parse(String text);
  }

  private static <T> T parse(String name, String value, Parser<T> parser) {
    try {
      return parser.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--" + name + ": cannot read '" + value + "'");
    }
  }
}
