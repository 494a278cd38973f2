package io.payguard.http;

import java.util.UUID;

/** Ids in a path: a malformed id names no resource, so it is a 404 like an unknown one. */
public final class PathIds {

  private PathIds() {
  }

  /** {@code raw} as a UUID; {@code what} names the resource in the 404 ("payment", "user"). */
  public static UUID of(String raw, String what) {
    try {
      if (raw != null && raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException e) {
      // fall through to the same reply as an unknown id
    }
    throw ProblemException.notFound("No " + what + " with id '" + abbreviate(raw) + "'.");
  }

  public static ProblemException unknown(String what, UUID id) {
    return ProblemException.notFound("No " + what + " with id '" + id + "'.");
  }

  private static String abbreviate(String raw) {
    if (raw == null) {
      return "";
    }
    String safe = raw.replaceAll("[^A-Za-z0-9-]", "?");
    return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
  }
}
