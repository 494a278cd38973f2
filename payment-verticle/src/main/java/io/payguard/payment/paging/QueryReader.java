package io.payguard.payment.paging;

import io.payguard.http.FieldError;
import io.payguard.http.ProblemException;
import io.payguard.http.Rfc3339;
import io.payguard.http.UuidText;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the query parameters of a list request that the API contract has already validated, collecting
 * every error so the client learns all of them in one 422. The contract states each parameter's form
 * and range; what it cannot state is checked here: a parameter may be given once (a repeated one is
 * ambiguous: which value wins differs between proxies and frameworks, so it is refused, not guessed).
 * Unknown parameters are ignored.
 */
public final class QueryReader {

  private static final String OFF_CONTRACT = "does not match the API contract";

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

  public Optional<Integer> integer(String name) {
    return parsed(name, Integer::valueOf, OFF_CONTRACT);
  }

  public Optional<UUID> uuid(String name) {
    return parsed(name, raw -> UuidText.parse(raw).orElseThrow(IllegalArgumentException::new), OFF_CONTRACT);
  }

  /**
   * An RFC 3339 date-time, such as {@code 2026-11-24T19:27:58Z}, to the microsecond, rounded up
   * ({@link Rfc3339}: leap seconds and any number of fraction digits, as the contract's format allows).
   */
  public Optional<OffsetDateTime> instant(String name) {
    return parsed(name, Rfc3339::parseMicros,
      "must be an RFC 3339 date-time with an offset, such as 2026-11-24T19:27:58Z");
  }

  /** Comma-separated names of {@code type}'s constants, in any case and with spaces around them. */
  public <E extends Enum<E>> Optional<Set<E>> enumSet(String name, Class<E> type) {
    return parsed(name, raw -> Stream.of(raw.split(",", -1))
      .map(part -> Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)))
      .collect(Collectors.toUnmodifiableSet()), OFF_CONTRACT);
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
