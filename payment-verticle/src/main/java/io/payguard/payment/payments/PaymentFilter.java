package io.payguard.payment.payments;

import io.payguard.payment.paging.QueryReader;
import io.payguard.payment.paging.Where;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

/**
 * The filters of {@code GET /payments}: {@code status} (one or more, comma-separated), {@code user_id},
 * {@code payee_id}, and a creation window {@code created_from} (inclusive) to {@code created_to}
 * (exclusive). All optional and combinable; they narrow the list, the page order stays (created_at, id).
 */
public record PaymentFilter(Set<PaymentStatus> statuses, Optional<UUID> userId, Optional<UUID> payeeId,
                            Optional<OffsetDateTime> createdFrom, Optional<OffsetDateTime> createdTo) {

  /** Reads the filters; errors go to {@code query}, to be reported with the page parameters' ones. */
  public static PaymentFilter read(QueryReader query) {
    Set<PaymentStatus> statuses = query.enumSet("status", PaymentStatus.class).orElse(Set.of());
    Optional<UUID> userId = query.uuid("user_id");
    Optional<UUID> payeeId = query.uuid("payee_id");
    // Instants, whatever offset they were sent with: the Link header repeats them in UTC.
    Optional<OffsetDateTime> from = query.instant("created_from").map(PaymentFilter::utc);
    Optional<OffsetDateTime> to = query.instant("created_to").map(PaymentFilter::utc);
    if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
      query.error("created_to", "must be later than created_from");
    }
    return new PaymentFilter(statuses, userId, payeeId, from, to);
  }

  /** The SQL conditions; column names are ours, values are bind parameters. */
  public Where where() {
    Where where = Where.all();
    if (!statuses.isEmpty()) {
      where = where.anyOf("status", names().toArray(String[]::new));
    }
    if (userId.isPresent()) {
      where = where.equal("user_id", userId.get());
    }
    if (payeeId.isPresent()) {
      where = where.equal("payee_id", payeeId.get());
    }
    if (createdFrom.isPresent()) {
      where = where.atLeast("created_at", createdFrom.get());
    }
    if (createdTo.isPresent()) {
      where = where.before("created_at", createdTo.get());
    }
    return where;
  }

  /** The filters as query parameters ({@code &status=...}), for the next page's link. */
  public String queryString() {
    List<String> params = new ArrayList<>();
    if (!statuses.isEmpty()) {
      params.add("status=" + encode(String.join(",", names())));
    }
    userId.ifPresent(id -> params.add("user_id=" + id));
    payeeId.ifPresent(id -> params.add("payee_id=" + id));
    // Always with seconds: OffsetDateTime.toString() leaves ":00" out, which RFC 3339 does not allow.
    createdFrom.ifPresent(at -> params.add("created_from=" + encode(ISO_OFFSET_DATE_TIME.format(at))));
    createdTo.ifPresent(at -> params.add("created_to=" + encode(ISO_OFFSET_DATE_TIME.format(at))));
    return params.stream().map(p -> "&" + p).reduce("", String::concat);
  }

  /** The statuses' names in a fixed order, so equal filters make equal statements and links. */
  private List<String> names() {
    return statuses.stream().map(Enum::name).sorted().toList();
  }

  private static OffsetDateTime utc(OffsetDateTime at) {
    return at.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
