package io.payguard.risk.scoring;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Decision;
import io.payguard.risk.assessments.AssessmentRepository;
import io.payguard.risk.RiskVerticle;
import io.payguard.risk.rules.Assessment;
import io.payguard.risk.rules.CommittedRules;
import io.payguard.risk.rules.History;
import io.payguard.risk.rules.RuleSet;
import io.payguard.risk.rules.RulesDocument;
import io.payguard.testsupport.Infrastructure;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live history read (per-second totals first, {@link HistoryReader#loadLive}) against the replay's
 * (the payments themselves, {@link HistoryReader#load}) on a generated history: busy and quiet users,
 * bursts within a minute, payments exactly on minute boundaries and window edges, several currencies and
 * amounts just below the limit, stored in shuffled order over several transactions. Every payment gets
 * the same assessment both ways, and the totals decide many windows (so the test is not passing by
 * always falling back to the payments).
 */
class HistoryEquivalenceIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("risk", RiskVerticle::new);
  private static final TestStack stack = TestStack.shared();

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void connect() {
    Infrastructure facts = stack.facts();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(new PgConnectOptions()
      .setHost(facts.pgHost()).setPort(facts.pgPort()).setDatabase(facts.database()).setUser(facts.adminUser())
      .setPassword(facts.adminPassword())).using(vertx).build();
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theLiveReadGivesTheSameAssessmentsAsReadingThePayments() throws Exception {
    List<PaymentRequested> history = generate(new Random(16));
    store(history);
    RuleSet rules = withCustomRulesReadingTheHistory();
    assertThat(rules.readsPayerTotals()).isTrue();
    assertThat(rules.readsPayeePayers()).isTrue();
    HistoryReader reader = new HistoryReader();

    int fromTotals = 0;
    int fromPayments = 0;
    for (PaymentRequested p : history) {
      History rows = await(reader.load(pool, p, rules, Horizon.EVERYTHING));
      History live = await(pool.withTransaction(tx -> Horizon.begin(tx).compose(h -> reader.loadLive(tx, p, rules))));
      Assessment expected = rules.assess(p, rows);
      assertThat(rules.assess(p, live)).as("payment %s at %s", p.paymentRequestId(), p.createdAt()).isEqualTo(expected);
      assertThat(live.withoutLowerBoundSums()).isEqualTo(rows.withoutLowerBoundSums());
      assertThat(normalized(rows.recent())).as("what custom rules read, counted in Java")
        .isEqualTo(normalized(recent(history, p)));
      for (RulesDocument.Window window : rules.velocityWindows()) {
        History.WindowTotals byRows = rows.window(window.minutes());
        History.WindowTotals byLive = live.window(window.minutes());
        if (byRows.atLeast() && byLive.sameCurrencySum().signum() == 0 && byRows.sameCurrencySum().signum() != 0) {
          fromTotals++;
        } else {
          fromPayments++;
        }
      }
    }
    assertThat(fromTotals).as("windows decided by the per-second totals").isGreaterThan(500);
    assertThat(fromPayments).as("windows that read the payments").isGreaterThan(500);
  }

  /** Sums by value (12.50 = 12.5), and atLeast dropped: none of these reads reaches its cap. */
  private static History.Recent normalized(History.Recent recent) {
    java.util.Map<Integer, History.WindowTotals> payer = new java.util.HashMap<>();
    recent.payer().forEach((minutes, t) -> payer.put(minutes, new History.WindowTotals(t.count(),
      t.sameCurrencySum().signum() == 0 ? BigDecimal.ZERO : t.sameCurrencySum().stripTrailingZeros(), false)));
    return new History.Recent(payer, recent.payeePayersLastHour());
  }

  /** The committed rules and custom rules that read every history variable, with points so they score. */
  private static RuleSet withCustomRulesReadingTheHistory() throws Exception {
    io.vertx.core.json.JsonObject document = new io.vertx.core.json.JsonObject(
      java.nio.file.Files.readString(CommittedRules.file()));
    String[] expressions = {"payer.count_10m >= 3 && payer.sum_10m > 2000", "payer.count_1h > 8",
      "payer.sum_24h + payment.amount > 20000", "payee.payers_1h >= 3", "payer.count_24h - payer.count_1h > 20"};
    for (int i = 0; i < expressions.length; i++) {
      document.getJsonArray("custom").add(new io.vertx.core.json.JsonObject().put("code", "HISTORY_" + i)
        .put("expression", expressions[i]).put("points", 7 + i).put("reason", "history rule " + i));
    }
    return RuleSet.parse(document.toBuffer().getBytes(), CommittedRules.LISTS);
  }

  /**
   * The custom rules' history of {@code p}, from the generated payments: the payer's payments made before
   * it within 10 minutes, an hour and a day (count; sum of those in its currency), and the other payers
   * of its payee within the hour (none of these reach the read's cap of 1,000).
   */
  private static History.Recent recent(List<PaymentRequested> all, PaymentRequested p) {
    java.util.Map<Integer, History.WindowTotals> payer = new java.util.HashMap<>();
    for (int minutes : io.payguard.risk.expressions.Variables.WINDOWS.keySet()) {
      OffsetDateTime from = p.createdAt().minusMinutes(minutes);
      List<PaymentRequested> earlier = all.stream().filter(o -> o.userId().equals(p.userId())
        && o.createdAt().isAfter(from) && o.createdAt().isBefore(p.createdAt())).toList();
      BigDecimal sum = earlier.stream().filter(o -> o.currency().equals(p.currency()))
        .map(PaymentRequested::amountValue).reduce(BigDecimal.ZERO, BigDecimal::add);
      payer.put(minutes, new History.WindowTotals(earlier.size(), sum, false));
    }
    OffsetDateTime hourAgo = p.createdAt().minusHours(1);
    long payers = all.stream().filter(o -> o.payeeId().equals(p.payeeId()) && o.createdAt().isAfter(hourAgo)
      && o.createdAt().isBefore(p.createdAt()) && !o.userId().equals(p.userId()))
      .map(PaymentRequested::userId).distinct().count();
    return new History.Recent(payer, payers);
  }

  /**
   * 30 users: a third busy (bursts of up to 25 payments within a minute), the rest a few payments an
   * hour, over 26 hours (so the day window's start moves past stored payments); 12 payees, so the mule
   * rule sees shared ones.
   */
  private static List<PaymentRequested> generate(Random random) {
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusHours(30);
    List<UUID> payees = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      payees.add(UUID.randomUUID());
    }
    String[] currencies = {"EUR", "EUR", "EUR", "USD", "GBP"};
    List<PaymentRequested> history = new ArrayList<>();
    for (int u = 0; u < 30; u++) {
      UUID user = UUID.randomUUID();
      UUID[] methods = {UUID.randomUUID(), UUID.randomUUID()};
      boolean busy = u % 3 == 0;
      OffsetDateTime at = start.plusSeconds(random.nextInt(600));
      int payments = busy ? 150 : 25;
      for (int i = 0; i < payments; i++) {
        history.add(new PaymentRequested(UUID.randomUUID(), user, payees.get(random.nextInt(payees.size())),
          methods[random.nextInt(methods.length)], amount(random), currencies[random.nextInt(currencies.length)], at));
        at = next(at, busy, random);
      }
    }
    return history;
  }

  private static String amount(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> new BigDecimal(4_500 + random.nextInt(500)).toPlainString();
      case 1 -> BigDecimal.valueOf(random.nextInt(900_000), 2).toPlainString();
      default -> new BigDecimal(random.nextInt(2_000) + 1).toPlainString();
    };
  }

  /** Within the same second, onto the next minute boundary exactly, a window length later, or a while later. */
  private static OffsetDateTime next(OffsetDateTime at, boolean busy, Random random) {
    return switch (random.nextInt(busy ? 6 : 5)) {
      case 0 -> at.plusNanos(random.nextInt(1_000) * 1_000L);
      case 1 -> at.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      case 2 -> at.plusMinutes(random.nextBoolean() ? 10 : 60);
      case 3 -> at.plusSeconds(busy ? random.nextInt(20) : random.nextInt(3_600));
      case 4 -> at.plusMinutes(busy ? random.nextInt(5) : 60 + random.nextInt(300));
      default -> at.plusSeconds(random.nextInt(3));
    };
  }

  /**
   * In shuffled order, as an out-of-order stream would store them, over ten transactions, each as the
   * risk service stores a wave (so the per-second totals are kept as in production).
   */
  private static void store(List<PaymentRequested> history) throws Exception {
    List<PaymentRequested> shuffled = new ArrayList<>(history);
    Collections.shuffle(shuffled, new Random(7));
    AssessmentRepository repository = new AssessmentRepository();
    int perTransaction = shuffled.size() / 10 + 1;
    for (int from = 0; from < shuffled.size(); from += perTransaction) {
      List<Assessment> chunk = shuffled.subList(from, Math.min(from + perTransaction, shuffled.size())).stream()
        .map(p -> new Assessment(p, 0, Decision.APPROVE, List.of(), "generated")).toList();
      Set<UUID> stored = await(pool.withTransaction(tx -> Horizon.begin(tx)
        .compose(h -> repository.insert(tx, chunk, h, OffsetDateTime.now()))));
      assertThat(stored).hasSize(chunk.size());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
