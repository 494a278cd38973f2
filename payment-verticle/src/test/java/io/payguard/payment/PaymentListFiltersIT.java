package io.payguard.payment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.payment.PaymentApiIT.Fixture;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.payguard.payment.PaymentApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /payments} filtered by status, payer, payee and creation window, alone and combined, paged
 * through the Link header without leaving the filter; invalid filter values are a 422 naming them.
 */
class PaymentListFiltersIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  @Test
  void eachFilterAloneAndCombinedReturnsExactlyTheMatchingPaymentsInCreationOrder() throws Exception {
    Fixture a = Fixture.create(api);
    Fixture b = Fixture.create(api);
    String a1 = pay(a);
    String a2 = pay(a);
    String a3 = pay(a);
    String b1 = pay(b);
    String b2 = pay(b);
    setStatus(a2, "APPROVED");
    setStatus(a3, "REVIEW");
    setStatus(b1, "REVIEW");
    setStatus(b2, "DECLINED");

    assertThat(ids("/payments?user_id=" + a.payer())).containsExactly(a1, a2, a3);
    assertThat(ids("/payments?payee_id=" + b.payee())).containsExactly(b1, b2);
    assertThat(ids("/payments?payee_id=" + a.payer())).isEmpty();
    assertThat(ids("/payments?status=REVIEW")).contains(a3, b1).doesNotContain(a1, a2, b2);
    assertThat(ids("/payments?status=REVIEW,DECLINED")).contains(a3, b1, b2).doesNotContain(a1, a2);
    assertThat(ids("/payments?status=review")).contains(a3, b1);
    assertThat(ids("/payments?status=REVIEW&user_id=" + a.payer())).containsExactly(a3);
    assertThat(ids("/payments?status=PENDING,APPROVED&user_id=" + a.payer())).containsExactly(a1, a2);
    assertThat(ids("/payments?status=REVIEW,DECLINED&payee_id=" + b.payee() + "&user_id=" + b.payer()))
      .containsExactly(b1, b2);
    assertThat(ids("/payments?status=PENDING&user_id=" + b.payer())).isEmpty();
    for (JsonNode payment : api.get("/payments?status=REVIEW&limit=1000").json()) {
      assertThat(payment.get("status").asText()).isEqualTo("REVIEW");
    }
  }

  @Test
  void theCreationWindowIncludesItsStartAndExcludesItsEnd() throws Exception {
    Fixture f = Fixture.create(api);
    Instant t0 = Instant.parse("2001-02-03T04:05:06.123456Z");
    List<String> ids = new ArrayList<>();
    for (int hour = 0; hour < 4; hour++) {
      String id = pay(f);
      setCreatedAt(id, t0.plusSeconds(3600L * hour));
      ids.add(id);
    }

    assertThat(ids("/payments?created_from=" + t0.plusSeconds(3600) + "&created_to=" + t0.plusSeconds(3 * 3600)))
      .containsExactly(ids.get(1), ids.get(2));
    assertThat(ids("/payments?created_to=" + t0.plusSeconds(3600))).contains(ids.get(0))
      .doesNotContain(ids.get(1), ids.get(2), ids.get(3));
    assertThat(ids("/payments?user_id=" + f.payer() + "&created_from=" + t0.plusSeconds(3 * 3600)))
      .containsExactly(ids.get(3));
    // The same instant written with another offset selects the same rows.
    assertThat(ids("/payments?created_from=" + encode("2001-02-03T06:05:06.123456+01:00")
      + "&created_to=" + encode("2001-02-03T08:05:06.123456+01:00") + "&user_id=" + f.payer()))
      .containsExactly(ids.get(1), ids.get(2));
  }

  @Test
  void followingTheLinkHeaderPagesThroughTheFilteredListOnly() throws Exception {
    Fixture mine = Fixture.create(api);
    Fixture other = Fixture.create(api);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String id = pay(mine);
      if (i == 3) {
        setStatus(id, "DECLINED");
      } else {
        expected.add(id);
      }
      pay(other);
    }

    List<String> seen = new ArrayList<>();
    String next = "/payments?limit=2&status=PENDING&user_id=" + mine.payer();
    int pages = 0;
    while (next != null) {
      Reply page = api.get(next);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(page.json().size()).isLessThanOrEqualTo(2);
      page.json().forEach(p -> seen.add(p.get("payment_request_id").asText()));
      String link = page.header("Link");
      if (link != null) {
        assertThat(link).contains("user_id=" + mine.payer(), "status=PENDING", "limit=2", "rel=\"next\"");
      }
      next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      pages++;
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void theLinkHeaderKeepsTheCreationWindowAndSeveralStatuses() throws Exception {
    Fixture f = Fixture.create(api);
    Instant t0 = Instant.parse("2002-03-04T05:06:07Z");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = pay(f);
      setCreatedAt(id, t0.plusSeconds(i));
      setStatus(id, i % 2 == 0 ? "APPROVED" : "REVIEW");
      ids.add(id);
    }
    String first = "/payments?limit=2&status=APPROVED,REVIEW&created_from=" + t0.plusSeconds(1)
      + "&created_to=" + t0.plusSeconds(4);
    Reply page1 = api.get(first);
    assertThat(page1.json().findValuesAsText("payment_request_id")).containsExactly(ids.get(1), ids.get(2));
    String link = page1.header("Link");
    String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    Reply page2 = api.get(next);
    assertThat(page2.json().findValuesAsText("payment_request_id")).containsExactly(ids.get(3));
    assertThat(page2.header("Link")).isNull();
  }

  /**
   * Every RFC 3339 date-time is a bound (issue 19): a leap second is the first instant of the next second,
   * as PostgreSQL reads it; digits past the microsecond round the bound up, which selects what the exact
   * value would. The next page's link repeats a bound with its seconds, even when they are 0.
   */
  @Test
  void leapSecondsAndLongFractionsAreBoundsLikeAnyOther() throws Exception {
    Fixture f = Fixture.create(api);
    String before = pay(f);
    String at = pay(f);
    String after = pay(f);
    setCreatedAt(before, Instant.parse("2016-12-31T23:59:59.999999Z"));
    setCreatedAt(at, Instant.parse("2017-01-01T00:00:00Z"));
    setCreatedAt(after, Instant.parse("2017-01-01T00:00:00.000001Z"));
    String mine = "&user_id=" + f.payer();

    assertThat(ids("/payments?created_from=2016-12-31T23:59:60Z" + mine)).containsExactlyInAnyOrder(at, after);
    assertThat(ids("/payments?created_to=2016-12-31T23:59:60Z" + mine)).containsExactly(before);
    assertThat(ids("/payments?created_from=" + encode("2016-12-31T15:59:60-08:00") + mine))
      .containsExactlyInAnyOrder(at, after);
    assertThat(ids("/payments?created_from=2017-01-01T00:00:00.0000000001Z" + mine)).containsExactly(after);
    assertThat(ids("/payments?created_from=2017-01-01T00:00:00.0000000000Z" + mine)).containsExactlyInAnyOrder(at, after);
    assertThat(ids("/payments?created_to=2017-01-01T00:00:00.0000009999Z" + mine)).containsExactlyInAnyOrder(before, at);

    Reply page1 = api.get("/payments?limit=1&created_from=2016-12-31T00:00:00Z&created_to=2017-01-02T00:00:00Z" + mine);
    String link = page1.header("Link");
    assertThat(link).contains("created_from=2016-12-31T00%3A00%3A00Z").contains("created_to=2017-01-02T00%3A00%3A00Z");
    Reply page2 = api.get(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
    assertThat(page2.status()).as(page2.body()).isEqualTo(200);
    assertThat(page2.json().findValuesAsText("payment_request_id")).containsExactly(at);
  }

  @Test
  void invalidFilterValuesAreA422NamingEachParameter() throws Exception {
    assertInvalid("/payments?status=PAID", "status");
    assertInvalid("/payments?status=", "status");
    assertInvalid("/payments?status=PENDING,", "status");
    assertInvalid("/payments?status=PENDING&status=REVIEW", "status");
    assertInvalid("/payments?user_id=42", "user_id");
    assertInvalid("/payments?payee_id=" + UUID.randomUUID() + "x", "payee_id");
    assertInvalid("/payments?created_from=yesterday", "created_from");
    assertInvalid("/payments?created_from=2026-01-01", "created_from");
    assertInvalid("/payments?created_to=2026-01-01T00:00:00", "created_to");
    assertInvalid("/payments?created_from=2026-01-02T00:00:00Z&created_to=2026-01-01T00:00:00Z", "created_to");
    assertInvalid("/payments?created_from=2026-01-01T00:00:00Z&created_to=2026-01-01T00:00:00Z", "created_to");
    assertInvalid("/payments?limit=2&limit=3", "limit");

    Reply all = api.get("/payments?status=NOPE&user_id=x&payee_id=y&created_from=z&created_to=w&limit=0&cursor=junk");
    assertProblem(all, 422);
    // Everything the contract can check, at once; a cursor the service did not issue is only known to the
    // service, which names it once the rest is valid.
    assertThat(all.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
      "status", "user_id", "payee_id", "created_from", "created_to", "limit");
    assertInvalid("/payments?status=PENDING&limit=5&cursor=junk", "cursor");
  }

  private static void assertInvalid(String path, String parameter) throws Exception {
    Reply reply = api.get(path);
    assertProblem(reply, 422);
    assertThat(reply.json().get("errors").findValuesAsText("field")).as(path).containsExactly(parameter);
  }

  private static List<String> ids(String path) throws Exception {
    Reply reply = api.get(path + (path.contains("limit=") ? "" : "&limit=1000"));
    assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(200);
    return reply.json().findValuesAsText("payment_request_id");
  }

  private static String pay(Fixture f) throws Exception {
    return f.pay("10.00", "EUR").json().get("payment_request_id").asText();
  }

  private static void setStatus(String paymentId, String status) throws Exception {
    update("UPDATE payment_schema.payment_request SET status = ? WHERE payment_request_id = ?", status, paymentId);
  }

  private static void setCreatedAt(String paymentId, Instant at) throws Exception {
    update("UPDATE payment_schema.payment_request SET created_at = ? WHERE payment_request_id = ?",
      Timestamp.from(at), paymentId);
  }

  private static void update(String sql, Object value, String paymentId) throws Exception {
    try (Connection c = stack.adminConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, value);
      s.setObject(2, UUID.fromString(paymentId));
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
