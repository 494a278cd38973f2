package io.payguard.payment.waiting;

import io.vertx.core.http.HttpServerRequest;

import java.util.OptionalInt;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=5}): how many seconds the client will wait
 * for the response. Preferences are hints: a header that does not parse, or names none, is ignored (as the
 * RFC asks), and a wait longer than the service grants is shortened.
 */
public final class WaitPreference {

  private WaitPreference() {
  }

  /** The seconds to wait, at most {@code maxSeconds}; empty when the request asks for no wait. */
  public static OptionalInt of(HttpServerRequest request, int maxSeconds) {
    for (String header : request.headers().getAll("Prefer")) {
      for (String preference : header.split(",")) {
        OptionalInt seconds = seconds(preference);
        if (seconds.isPresent()) {
          int granted = Math.min(seconds.getAsInt(), maxSeconds);
          return granted > 0 ? OptionalInt.of(granted) : OptionalInt.empty();
        }
      }
    }
    return OptionalInt.empty();
  }

  /** {@code wait=N} or {@code wait="N"}, with any parameters after {@code ;}; the first one counts. */
  static OptionalInt seconds(String preference) {
    String token = preference.split(";", 2)[0].trim();
    int equals = token.indexOf('=');
    if (equals < 0 || !token.substring(0, equals).trim().equalsIgnoreCase("wait")) {
      return OptionalInt.empty();
    }
    String value = token.substring(equals + 1).trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(value));
  }
}
