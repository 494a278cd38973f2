package io.payguard.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.payguard.client.payment.ApiException;
import io.payguard.client.payment.ApiResponse;
import io.payguard.client.payment.api.PaymentMethodsApi;
import io.payguard.client.payment.api.PaymentsApi;
import io.payguard.client.payment.api.UsersApi;
import io.payguard.client.payment.model.Amount;
import io.payguard.client.payment.model.NewPayment;
import io.payguard.client.payment.model.NewPaymentMethod;
import io.payguard.client.payment.model.NewUser;
import io.payguard.client.payment.model.Payment;
import io.payguard.client.payment.model.PaymentMethod;
import io.payguard.client.payment.model.PaymentStatus;
import io.payguard.client.payment.model.Resolution;
import io.payguard.client.payment.model.User;
import io.payguard.client.risk.api.AssessmentsApi;
import io.payguard.client.risk.api.RulesApi;
import io.payguard.client.risk.model.Assessment;
import io.payguard.client.risk.model.Simulation;
import io.payguard.client.risk.model.SimulationResult;
import io.payguard.payment.PaymentVerticle;
import io.payguard.risk.RiskVerticle;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The main flows through Java clients that openapi-generator made from the contracts at build time (issue
 * 19): what a client team would generate. Nothing here is written by hand around the contract: the
 * cursor comes from the Link header the contract documents, problems arrive as the contract's Problem.
 */
class GeneratedClientIT {

  private static final Pattern NEXT_CURSOR = Pattern.compile("[?&]cursor=([^&>]+)[^>]*>;\\s*rel=\"next\"");

  private static TestStack stack;
  private static Services.Running payment;
  private static Services.Running risk;
  private static io.payguard.client.payment.ApiClient payments;
  private static io.payguard.client.risk.ApiClient risks;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.shared();
    payment = Services.start(stack, "payment", PaymentVerticle::new);
    risk = Services.start(stack, "risk", RiskVerticle::new);
    payments = new io.payguard.client.payment.ApiClient();
    payments.updateBaseUri(payment.baseUrl());
    payments.setRequestInterceptor(request -> request.header("Authorization", ApiClient.authorization()));
    risks = new io.payguard.client.risk.ApiClient();
    risks.updateBaseUri(risk.baseUrl());
    risks.setRequestInterceptor(request -> request.header("Authorization", ApiClient.authorization()));
  }

  @AfterAll
  static void stop() throws Exception {
    risk.close();
    payment.close();
  }

  @Test
  void theMainFlowsWorkThroughClientsGeneratedFromTheContracts() throws Exception {
    UsersApi users = new UsersApi(payments);
    User payer = users.createUser(new NewUser().firstName("Ada").lastName("Lovelace"), null);
    User payee = users.createUser(new NewUser().firstName("Alan").lastName("Turing"), "gen-" + UUID.randomUUID());
    assertThat(users.getUser(payer.getUserId()).getLastName()).isEqualTo("Lovelace");
    PaymentMethod card = new PaymentMethodsApi(payments).createPaymentMethod(new NewPaymentMethod().name("card"), null);

    PaymentsApi api = new PaymentsApi(payments);
    OffsetDateTime before = OffsetDateTime.now().minusMinutes(1);
    List<UUID> created = new ArrayList<>();
    for (Amount amount : List.of(new Amount("12.50"), new Amount(new BigDecimal("0.1")), new Amount("7"))) {
      Payment p = api.createPayment(new NewPayment().userId(payer.getUserId()).payeeId(payee.getUserId())
        .paymentMethodId(card.getPaymentMethodId()).amount(amount).currency("eur"), "gen-" + UUID.randomUUID(), null);
      assertThat(p.getStatus()).isEqualTo(PaymentStatus.PENDING);
      assertThat(p.getCurrency()).isEqualTo("EUR");
      created.add(p.getPaymentRequestId());
    }
    assertThat(api.getPayment(created.get(1)).getAmount()).isEqualTo("0.10");

    // A client that waits for the decision (Prefer: wait) gets the payment decided, with its score.
    ApiResponse<Payment> waited = api.createPaymentWithHttpInfo(new NewPayment().userId(payee.getUserId())
      .payeeId(payer.getUserId()).paymentMethodId(card.getPaymentMethodId()).amount(new Amount("3.00")).currency("EUR"),
      null, "wait=10");
    assertThat(waited.getData().getStatus()).isNotEqualTo(PaymentStatus.PENDING);
    assertThat(waited.getData().getRiskScore()).isNotNull();
    assertThat(waited.getHeaders().get("Decision-Status")).containsExactly("decided");
    for (UUID id : created) {
      stack.await(Duration.ofSeconds(30), () -> api.getPayment(id).getStatus() != PaymentStatus.PENDING);
    }

    // A filtered list, two per page, followed through the Link header's cursor.
    ApiResponse<List<Payment>> first = api.listPaymentsWithHttpInfo(2, null, "approved,review,declined",
      payer.getUserId(), null, before, null);
    assertThat(first.getData()).hasSize(2);
    Matcher next = NEXT_CURSOR.matcher(String.join(",", first.getHeaders().getOrDefault("Link", List.of())));
    assertThat(next.find()).as("a Link to the next page: " + first.getHeaders()).isTrue();
    List<Payment> second = api.listPayments(2, URLDecoder.decode(next.group(1), StandardCharsets.UTF_8),
      "approved,review,declined", payer.getUserId(), null, before, null);
    List<UUID> listed = new ArrayList<>(first.getData().stream().map(Payment::getPaymentRequestId).toList());
    second.forEach(p -> listed.add(p.getPaymentRequestId()));
    assertThat(listed).containsExactlyElementsOf(created);

    // A payment in review, approved by a person.
    UUID reviewed = created.get(0);
    try (var c = stack.adminConnection(); var s = c.prepareStatement(
      "UPDATE payment_schema.payment_request SET status = 'REVIEW' WHERE payment_request_id = ?")) {
      s.setObject(1, reviewed);
      s.executeUpdate();
    }
    Payment approved = api.approvePayment(reviewed, new Resolution().by("ops@payguard").reason("called the payer"), null);
    assertThat(approved.getStatus()).isEqualTo(PaymentStatus.APPROVED);
    assertThat(approved.getResolvedBy()).isEqualTo("ops@payguard");

    // Its assessment, read from the risk service, and a simulation of the rules in force.
    Assessment assessment = new AssessmentsApi(risks).getAssessment(created.get(2));
    assertThat(assessment.getPaymentRequestId()).isEqualTo(created.get(2));
    assertThat(new BigDecimal(assessment.getAmount())).isEqualByComparingTo("7");
    assertThat(assessment.getRiskScore()).isBetween(0, 99);
    Map<?, ?> rules = new ObjectMapper().readValue(Files.readString(Services.projectRoot().resolve("conf/risk-rules.json")),
      Map.class);
    SimulationResult simulated = new RulesApi(risks).simulateRules(new Simulation().rules(rules).last(3));
    assertThat(simulated.getEvaluated()).isBetween(1, 3);
    assertThat(simulated.getChanged()).isZero();

    // A refusal arrives as the contract's problem.
    assertThatThrownBy(() -> api.createPayment(new NewPayment().userId(UUID.randomUUID()).payeeId(payee.getUserId())
      .paymentMethodId(card.getPaymentMethodId()).amount(new Amount("1.00")).currency("EUR"), null, null))
      .isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.getCode()).isEqualTo(422);
        assertThat(e.getResponseBody()).contains("\"field\":\"user_id\"");
      });
  }
}
