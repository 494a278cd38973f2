package io.payguard.bench;

import io.payguard.bench.cli.Args;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What every subcommand shares: where results go and how they are labelled. */
public record RunSettings(String label, String batch, Path resultsDir) {

  public static RunSettings from(Args args) {
    String batch = args.string("batch", DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
      .format(Instant.now()));
    return new RunSettings(args.string("label", "run"), batch, Path.of(args.string("results-dir", "bench/results")));
  }
}
