package io.payguard.bench.http;

import io.payguard.bench.cli.Args;

/** The API under test: its base URL and, optionally, the key sent as {@code Authorization: Bearer}. */
public record Target(String url, String apiKey) {

  /** {@code --url} and {@code --api-key}; the key defaults to the PAYGUARD_API_KEY environment variable. */
  public static Target from(Args args) {
    return new Target(args.string("url", "http://127.0.0.1:8000"), args.string("api-key", System.getenv("PAYGUARD_API_KEY")));
  }
}
