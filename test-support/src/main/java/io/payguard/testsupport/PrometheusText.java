package io.payguard.testsupport;

import java.util.Map;
import java.util.OptionalDouble;

/** Reads samples out of a {@code /metrics} reply (Prometheus text format) for assertions. */
public final class PrometheusText {

  private final String body;

  public PrometheusText(String body) {
    this.body = body;
  }

  /**
   * The value of the first sample named {@code name} whose labels include all of {@code labels}; empty when
   * there is none.
   */
  public OptionalDouble value(String name, Map<String, String> labels) {
    for (String line : body.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      int close = line.lastIndexOf('}');
      String labelText = close < 0 ? "" : line.substring(name.length(), close + 1);
      boolean all = labels.entrySet().stream()
        .allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""));
      if (all) {
        String[] parts = line.substring(close < 0 ? name.length() : close + 1).trim().split(" ");
        return OptionalDouble.of(Double.parseDouble(parts[0]));
      }
    }
    return OptionalDouble.empty();
  }

  /** Whether any sample line starts with {@code prefix} and contains every one of {@code fragments}. */
  public boolean hasSample(String prefix, String... fragments) {
    return countSamples(prefix, fragments) > 0;
  }

  /** How many sample lines start with {@code prefix} and contain every one of {@code fragments}. */
  public long countSamples(String prefix, String... fragments) {
    return java.util.Arrays.stream(body.split("\n"))
      .filter(line -> !line.startsWith("#") && line.startsWith(prefix))
      .filter(line -> java.util.Arrays.stream(fragments).allMatch(line::contains))
      .count();
  }

  @Override
  public String toString() {
    return body;
  }
}
