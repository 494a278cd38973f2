package io.payguard.payment.payments;

import io.payguard.db.SqlStates;
import io.payguard.db.Unnest;
import io.payguard.events.RiskAssessed;
import io.payguard.events.Topics;
import io.payguard.http.FieldError;
import io.payguard.http.ProblemException;
import io.payguard.json.Json;
import io.payguard.outbox.OutboxRow;
import io.payguard.payment.idempotency.IdempotentReplies;
import io.payguard.payment.idempotency.IdempotentReplies.Claim;
import io.payguard.payment.paging.PageRequest;
import io.payguard.payment.paging.TableReader;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * payment_schema.payment_request: new payments with the outbox row that announces each, reads by id and
 * by page, risk decisions applied, and an operator's resolution of a payment in review.
 */
public final class PaymentRepository {

  private static final String INSERT_COLUMNS =
    "payment_request_id, user_id, payee_id, payment_method_id, amount, currency, status, created_at";
  /** What a payment is read as; {@link #map} reads these by position, so their order is fixed. */
  private static final String COLUMNS = INSERT_COLUMNS + ", risk_score, decision_reasons::text AS decision_reasons,"
    + " rules_version, decided_at, resolved_by, resolution_note, resolved_at, resolved_by_key";

  /**
   * The payment and its outbox row in one statement, hence one transaction and one round trip: both
   * are stored or neither is. The references are checked by the foreign keys, not by extra queries.
   */
  private static final String INSERT_WITH_OUTBOX = """
    WITH payment AS (
      INSERT INTO payment_schema.payment_request (%s)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    )
    %s""".formatted(INSERT_COLUMNS, OutboxRow.insert("payment_schema", 9));

  /**
   * Many requests' payments in one statement ({@link io.payguard.db.GroupCommit}): each payment whose
   * references exist, whose id is new and whose Idempotency-Key (if any) this statement claims, is stored
   * with its outbox row (in the requests' order) and its key's response. The others are left out, never
   * failing their neighbours, and are then written alone, which gives each its own answer. Returns the
   * ids stored ({@code kind} 'p') and the keys claimed ('k'). Keys and ids are taken in sorted order,
   * so two batches that share some never wait for each other in a cycle (a deadlock).
   */
  static final String INSERT_MANY = """
    WITH input AS (
      SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[],
                           $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
        WITH ORDINALITY AS t(id, user_id, payee_id, method_id, amount, currency, created_at, payload, request_id,
                             idempotency_key, fingerprint, response, ord)
    ), possible AS (
      SELECT i.* FROM input i
       WHERE EXISTS (SELECT 1 FROM payment_schema."user" u WHERE u.user_id = i.user_id)
         AND EXISTS (SELECT 1 FROM payment_schema."user" u WHERE u.user_id = i.payee_id)
         AND EXISTS (SELECT 1 FROM payment_schema.payment_method m WHERE m.payment_method_id = i.method_id)
         AND NOT EXISTS (SELECT 1 FROM payment_schema.payment_request p WHERE p.payment_request_id = i.id)
    ), claimed AS (
      INSERT INTO payment_schema.idempotency_key (idempotency_key, fingerprint, status_code, response_body)
      SELECT idempotency_key, fingerprint, 201, response FROM possible WHERE idempotency_key IS NOT NULL
       ORDER BY idempotency_key
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING idempotency_key
    ), accepted AS (
      SELECT * FROM possible
       WHERE idempotency_key IS NULL OR idempotency_key IN (SELECT idempotency_key FROM claimed)
    ), payment AS (
      INSERT INTO payment_schema.payment_request (%s)
      SELECT id, user_id, payee_id, method_id, amount::numeric, currency, 'PENDING', created_at FROM accepted
       ORDER BY id
      ON CONFLICT (payment_request_id) DO NOTHING
      RETURNING payment_request_id
    ), outbox AS (
      INSERT INTO payment_schema.outbox (topic, message_key, payload, payment_id, request_id)
      SELECT $13, a.user_id::text, a.payload, a.id, a.request_id
        FROM accepted a JOIN payment p ON p.payment_request_id = a.id
       ORDER BY a.ord
    )
    SELECT 'p' AS kind, payment_request_id::text AS value FROM payment
    UNION ALL
    SELECT 'k', idempotency_key FROM claimed""".formatted(INSERT_COLUMNS);

  private static final String MISSING_REFERENCES = """
    SELECT NOT EXISTS (SELECT 1 FROM payment_schema."user" WHERE user_id = $1) AS user_missing,
           NOT EXISTS (SELECT 1 FROM payment_schema."user" WHERE user_id = $2) AS payee_missing,
           NOT EXISTS (SELECT 1 FROM payment_schema.payment_method WHERE payment_method_id = $3) AS method_missing""";

  /** Only a payment held for review can be resolved, and only once. */
  static final String RESOLVE = """
    UPDATE payment_schema.payment_request
       SET status = $2, resolved_by = $3, resolution_note = $4, resolved_at = $5, resolved_by_key = $6
     WHERE payment_request_id = $1 AND %s
    RETURNING %s""".formatted(statusIs(PaymentStatus.REVIEW), COLUMNS);

  /**
   * A risk decision moves only a PENDING payment, so a replayed decision changes nothing and an
   * operator's resolution is never overwritten.
   */
  static final String APPLY_DECISIONS = """
    UPDATE payment_schema.payment_request
       SET status = d.decided, risk_score = d.score, decision_reasons = d.reasons::jsonb, rules_version = d.version,
           decided_at = d.assessed_at
      FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[])
        AS d(id, decided, score, reasons, version, assessed_at)
     WHERE payment_request_id = d.id AND %s
    RETURNING %s""".formatted(statusIs(PaymentStatus.PENDING), COLUMNS);

  /**
   * The test "this payment is in {@code status}", for a statement that finds the payment by its id. It
   * means {@code status = '<status>'}, written so that no index can serve it: given the plain form, the
   * planner may look the payment up in the status index (status, created_at, id) when statistics say
   * the status is rare, and then walks every entry of that status, dead ones included. Under load, with
   * the PENDING entries of payments decided since the last vacuum, that took the decision update from
   * 0.15 to 4.6 ms (463 buffers).
   */
  static String statusIs(PaymentStatus status) {
    return "(status = '" + status.name() + "') IS TRUE";
  }

  private final TableReader<Payment> reader = new TableReader<>("payment_schema.payment_request",
    "payment_request_id", COLUMNS, PaymentRepository::map);

  /** {@code requestId}: the HTTP request's id, kept on the outbox row and sent on with the event. */
  public Future<Payment> insert(SqlClient client, Payment payment, String requestId) {
    Tuple params = new OutboxRow(Topics.PAYMENT_REQUEST, payment.userId().toString(),
      Json.string(payment.requested()), payment.paymentRequestId(), requestId)
      .addTo(Tuple.of(payment.paymentRequestId(), payment.userId(), payment.payeeId(), payment.paymentMethodId(),
        Numeric.create(payment.amountValue()), payment.currency(), payment.status().name(), payment.createdAt()));
    return client.preparedQuery(INSERT_WITH_OUTBOX).execute(params)
      .map(done -> payment)
      .recover(failure -> explain(failure, payment));
  }

  /**
   * {@code requests} stored together where they can be ({@link #INSERT_MANY}): the stored payment for
   * each that was, empty for each left to be written alone. A key claimed for a payment that was not
   * stored (its id taken between the check and the insert) fails the whole statement, so the
   * transaction rolls back and every request is written alone. Of two requests with the same payment id
   * or the same key, only the first is in the statement: the second, alone, then waits for this
   * transaction and gets the answer the first one's commit implies.
   */
  public Future<List<Optional<Payment>>> insertAll(SqlClient tx, List<NewPayment> requests) {
    Set<Object> seen = new HashSet<>();
    List<NewPayment> distinct = requests.stream().filter(r -> seen.add(r.payment().paymentRequestId())
      && r.claim().map(c -> seen.add(c.key())).orElse(true)).toList();
    return insertDistinct(tx, distinct).map(stored -> requests.stream()
      .map(r -> stored.contains(r) ? Optional.of(r.payment()) : Optional.<Payment>empty()).toList());
  }

  private Future<Set<NewPayment>> insertDistinct(SqlClient tx, List<NewPayment> requests) {
    Tuple params = Unnest.of(requests)
      .column(UUID[]::new, r -> r.payment().paymentRequestId())
      .column(UUID[]::new, r -> r.payment().userId())
      .column(UUID[]::new, r -> r.payment().payeeId())
      .column(UUID[]::new, r -> r.payment().paymentMethodId())
      .column(String[]::new, r -> r.payment().amountValue().toPlainString())
      .column(String[]::new, r -> r.payment().currency())
      .column(OffsetDateTime[]::new, r -> r.payment().createdAt())
      .column(String[]::new, r -> Json.string(r.payment().requested()))
      .column(String[]::new, NewPayment::requestId)
      .column(String[]::new, r -> r.claim().map(Claim::key).orElse(null))
      .column(String[]::new, r -> r.claim().map(Claim::fingerprint).orElse(null))
      .column(String[]::new, r -> r.claim().isPresent() ? IdempotentReplies.stored(r.payment()) : null)
      .param(Topics.PAYMENT_REQUEST).tuple();
    return tx.preparedQuery(INSERT_MANY).execute(params).compose(rows -> {
      Set<String> stored = new HashSet<>();
      Set<String> claimed = new HashSet<>();
      for (Row row : rows) {
        (row.getString("kind").equals("p") ? stored : claimed).add(row.getString("value"));
      }
      Set<NewPayment> done = Collections.newSetFromMap(new IdentityHashMap<>());
      for (NewPayment request : requests) {
        if (stored.contains(request.payment().paymentRequestId().toString())) {
          done.add(request);
        } else if (request.claim().filter(c -> claimed.contains(c.key())).isPresent()) {
          return Future.failedFuture(new IllegalStateException("a key was claimed for a payment not stored"));
        }
      }
      return Future.succeededFuture(done);
    });
  }

  /**
   * Moves a REVIEW payment to {@code status}, recording the operator's name ({@code by}), the API key's
   * name ({@code key}) and the note; 404 for an unknown payment, 409 for any other state.
   */
  public Future<Payment> resolve(SqlClient client, UUID id, PaymentStatus status, String by, String key, String note,
                                 OffsetDateTime at) {
    return client.preparedQuery(RESOLVE).execute(Tuple.of(id, status.name(), by, note, at, key))
      .compose(rows -> rows.size() == 1 ? Future.succeededFuture(map(rows.iterator().next()))
        : find(client, id).compose(found -> Future.failedFuture(found
          .map(p -> ProblemException.conflict("The payment is " + p.status()
            + "; only a payment in REVIEW can be approved or declined."))
          .orElseGet(() -> ProblemException.notFound("No payment with id '" + id + "'.")))));
  }

  /**
   * A consumer batch of decisions in one statement; returns the payments that moved, as they are now (the
   * others were no longer PENDING). A decision repeated in the batch (redelivered) is applied once.
   */
  public Future<List<Payment>> applyDecisions(SqlClient client, List<RiskAssessed> decisions) {
    Map<UUID, RiskAssessed> once = new LinkedHashMap<>();
    decisions.forEach(d -> once.putIfAbsent(d.paymentRequestId(), d));
    Tuple params = Unnest.of(List.copyOf(once.values()))
      .column(UUID[]::new, RiskAssessed::paymentRequestId)
      .column(String[]::new, d -> PaymentStatus.of(d.decision()).name())
      .column(Integer[]::new, RiskAssessed::riskScore)
      .column(String[]::new, d -> Json.string(d.reasons()))
      .column(String[]::new, RiskAssessed::rulesVersion)
      .column(OffsetDateTime[]::new, RiskAssessed::assessedAt).tuple();
    return client.preparedQuery(APPLY_DECISIONS).execute(params)
      .map(rows -> {
        List<Payment> moved = new ArrayList<>(rows.size());
        rows.forEach(row -> moved.add(map(row)));
        return moved;
      });
  }

  public Future<Optional<Payment>> find(SqlClient client, UUID id) {
    return reader.find(client, id);
  }

  public Future<List<Payment>> page(SqlClient client, PageRequest page, PaymentFilter filter) {
    return reader.page(client, page, filter.where());
  }

  /**
   * The references of {@code payment} that do not exist, each as a field error, asked on {@code client}
   * after the insert's transaction failed on a foreign key (the constraint names only the first).
   */
  public Future<ProblemException> unknownReferences(SqlClient client, Payment payment) {
    return client.preparedQuery(MISSING_REFERENCES)
      .execute(Tuple.of(payment.userId(), payment.payeeId(), payment.paymentMethodId()))
      .map(rows -> unknownReferences(rows.iterator().next()));
  }

  private static Future<Payment> explain(Throwable failure, Payment payment) {
    if (SqlStates.is(failure, SqlStates.UNIQUE_VIOLATION)) {
      return Future.failedFuture(ProblemException.conflict(
        "A payment with payment_request_id '" + payment.paymentRequestId() + "' already exists."));
    }
    return Future.failedFuture(failure);
  }

  private static ProblemException unknownReferences(Row row) {
    List<FieldError> errors = new ArrayList<>();
    if (row.getBoolean("user_missing")) {
      errors.add(new FieldError("user_id", "no user with this id"));
    }
    if (row.getBoolean("payee_missing")) {
      errors.add(new FieldError("payee_id", "no user with this id"));
    }
    if (row.getBoolean("method_missing")) {
      errors.add(new FieldError("payment_method_id", "no payment method with this id"));
    }
    if (errors.isEmpty()) {
      // A reference vanished between the insert and this check; the client may simply retry.
      return ProblemException.conflict("A referenced user or payment method changed concurrently; retry.");
    }
    return new ProblemException(422, "unknown-reference", "Unknown reference",
      "The payment refers to a user, payee or payment method that does not exist.", errors);
  }

  /**
   * A row of {@link #COLUMNS}, read by position: looking each column up by name was a twentieth of the
   * time a page of payments took.
   */
  private static Payment map(Row row) {
    String currency = row.getString(5);
    return new Payment(row.getUUID(0), row.getUUID(1), row.getUUID(2), row.getUUID(3),
      Money.format(row.getNumeric(4).bigDecimalValue(), currency), currency, PaymentStatus.valueOf(row.getString(6)),
      row.getInteger(8), row.getString(9), row.getString(10), row.getOffsetDateTime(11), row.getString(12),
      row.getString(15), row.getString(13), row.getOffsetDateTime(14), row.getOffsetDateTime(7));
  }
}
