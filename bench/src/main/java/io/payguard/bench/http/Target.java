package io.payguard.bench.http;

import io.payguard.bench.cli.Args;

/**
 * The API under test: its base URL, optionally the key sent as {@code Authorization: Bearer}, and for
 * HTTPS with a private CA (the cluster deployment) the CA's PEM file to trust instead of the JDK's.
 */
public record Target(String url, String apiKey, String ca) {

  /** {@code --url}, {@code --api-key} (default: the PAYGUARD_API_KEY environment variable) and {@code --ca}. */
  public static Target from(Args args) {
    return new Target(args.string("url", "http://127.0.0.1:8000"), args.string("api-key", System.getenv("PAYGUARD_API_KEY")),
      args.string("ca", null));
  }

  /** The same key and trust, another service. */
  public Target at(String otherUrl) {
    return new Target(otherUrl, apiKey, ca);
  }
}
