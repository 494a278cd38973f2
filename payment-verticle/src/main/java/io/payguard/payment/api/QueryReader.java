package io.payguard.payment.api;

import io.payguard.http.FieldError;
import io.payguard.http.ProblemException;
import io.payguard.http.UuidText;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads the query parameters of a list request, collecting every error so the client learns all of them
 * in one 422, as {@link FieldReader} does for bodies. Each parameter may be given once: a repeated one is
 * ambiguous (which value wins differs between proxies and frameworks), so it is refused, not guessed.
 * Unknown parameters are ignored.
 */
public final class QueryReader {

  private final MultiMap params;
  private final List<FieldError> errors = new ArrayList<>();

  public QueryReader(RoutingContext ctx) {
    this(ctx.queryParams());
  }

  public QueryReader(MultiMap params) {
    this.params = params;
  }

  /** The parameter's only value, if given; an error when it is repeated. */
  public Optional<String> single(String name) {
    List<String> values = params.getAll(name);
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      error(name, "must be given at most once");
      return Optional.empty();
    }
    return Optional.of(values.get(0));
  }

  /** An integer from {@code min} to {@code max}, or {@code fallback} when absent. */
  public int integer(String name, int min, int max, int fallback) {
    return parsed(name, raw -> {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new IllegalArgumentException();
      }
      return value;
    }, "must be an integer from " + min + " to " + max).orElse(fallback);
  }

  public Optional<UUID> uuid(String name) {
    return parsed(name, raw -> UuidText.parse(raw).orElseThrow(IllegalArgumentException::new),
      "must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6");
  }

  /** An ISO-8601 instant with an offset, such as {@code 2026-11-24T19:27:58Z}. */
  public Optional<OffsetDateTime> instant(String name) {
    return parsed(name, OffsetDateTime::parse,
      "must be an ISO-8601 timestamp with an offset, such as 2026-11-24T19:27:58Z");
  }

  /** One or more comma-separated values out of {@code allowed} (case-insensitive), upper-cased. */
  public Optional<Set<String>> oneOrMoreOf(String name, Set<String> allowed) {
    return parsed(name, raw -> {
      Set<String> values = new LinkedHashSet<>();
      for (String part : raw.split(",", -1)) {
        String value = part.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
          throw new IllegalArgumentException();
        }
        values.add(value);
      }
      return Set.copyOf(values);
    }, "must be one or more of " + String.join(", ", allowed.stream().sorted().toList()) + ", comma-separated");
  }

  /** Records an error about a parameter found invalid by the caller (a rule between parameters). */
  public void error(String name, String message) {
    errors.add(new FieldError(name, message));
  }

  /** Throws one 422 problem listing every invalid parameter, if there is any. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  /** The parsed value; a parser signals a bad value by throwing any runtime exception. */
  private <T> Optional<T> parsed(String name, Function<String, T> parser, String expectation) {
    Optional<String> raw = single(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(raw.get()));
    } catch (RuntimeException bad) {
      error(name, expectation);
      return Optional.empty();
    }
  }
}
