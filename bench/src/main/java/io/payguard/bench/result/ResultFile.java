package io.payguard.bench.result;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One run, one JSON document: {@code bench/results/<timestamp>-<scenario>.json} with the machine, the
 * parameters and the results. Everything the table and the plot show is read back from these files.
 */
public final class ResultFile {

  public static final int FORMAT = 1;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private ResultFile() {
  }

  /**
   * @param scenario e.g. {@code payments-open-500}
   * @param label    what kind of numbers these are, e.g. {@code smoke} on a busy machine, {@code benchmark}
   * @param batch    runs made together by one {@code bench/run.sh} share it (and their ceiling)
   */
  public static JsonObject document(String scenario, String label, String batch, Instant startedAt, JsonObject machine,
                                    JsonObject parameters, JsonObject results, List<String> notes) {
    return new JsonObject()
      .put("format", FORMAT)
      .put("tool", "payguard-bench")
      .put("scenario", scenario)
      .put("label", label)
      .put("batch", batch)
      .put("started_at", startedAt.toString())
      .put("machine", machine)
      .put("parameters", parameters)
      .put("results", results)
      .put("notes", new io.vertx.core.json.JsonArray(List.copyOf(notes)));
  }

  public static String fileName(Instant startedAt, String scenario) {
    return STAMP.format(startedAt) + "-" + scenario.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
  }

  /** Written to a temporary file and moved into place, so a reader never sees half a result. */
  public static Path write(Path directory, JsonObject document) {
    try {
      Files.createDirectories(directory);
      Instant started = Instant.parse(document.getString("started_at"));
      Path target = directory.resolve(fileName(started, document.getString("scenario")));
      Path tmp = directory.resolve(target.getFileName() + ".tmp");
      Files.writeString(tmp, document.encodePrettily() + "\n");
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonObject read(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
