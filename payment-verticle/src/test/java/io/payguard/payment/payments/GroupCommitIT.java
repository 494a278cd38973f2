package io.payguard.payment.payments;

import io.payguard.db.GroupCommit;
import io.payguard.overload.Deadline;
import io.payguard.overload.DeadlinePool;
import io.payguard.overload.DeadlinePool.DeadlineExceeded;
import io.payguard.overload.LoadSignals;
import io.payguard.testsupport.Infrastructure;
import io.payguard.testsupport.TestStack;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GroupCommit} on real PostgreSQL: what it gathers, when it sends, and that each request gets
 * its own outcome whatever its neighbours did. The work inserts numbers into a table whose CHECK refuses
 * 0 (a failing statement) and whose key makes a repeated number "not done".
 */
class GroupCommitIT {

  private static final TestStack stack = TestStack.shared();
  private static final String WORK = """
    INSERT INTO public.group_commit_probe (n) SELECT * FROM unnest($1::int[])
    ON CONFLICT (n) DO NOTHING RETURNING n""";

  private static Vertx vertx;
  private static Pool pool;
  private static Context loop;
  private final List<Integer> sizes = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    try (Connection c = stack.adminConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS public.group_commit_probe (n INT PRIMARY KEY CHECK (n <> 0))");
    }
    Infrastructure facts = stack.facts();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(new PgConnectOptions()
      .setHost(facts.pgHost()).setPort(facts.pgPort()).setDatabase(facts.database()).setUser(facts.adminUser())
      .setPassword(facts.adminPassword())).using(vertx).build();
    loop = vertx.getOrCreateContext();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void empty() throws Exception {
    try (Connection c = stack.adminConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE public.group_commit_probe");
    }
  }

  private GroupCommit<Integer, Integer> group(int maxBatch, int maxDelayMs) {
    return group(maxBatch, maxDelayMs, 0);
  }

  /** {@code workSeconds}: how long each batch's transaction sleeps before its insert. */
  private GroupCommit<Integer, Integer> group(int maxBatch, int maxDelayMs, double workSeconds) {
    DeadlinePool db = new DeadlinePool(vertx, pool, new LoadSignals());
    return new GroupCommit<>(vertx, db, new GroupCommit.Settings(maxBatch, maxDelayMs), (tx, items) -> {
      if (items.contains(13)) {
        throw new IllegalStateException("a work with a bug in it");
      }
      return tx.preparedQuery("SELECT pg_sleep($1)").execute(Tuple.of(workSeconds))
        .compose(slept -> tx.preparedQuery(WORK).execute(Tuple.of(items.toArray(Integer[]::new)))).map(rows -> {
          Set<Integer> stored = new HashSet<>();
          for (Row row : rows) {
            stored.add(row.getInteger(0));
          }
          Set<Integer> answered = new HashSet<>();
          return items.stream().map(n -> stored.contains(n) && answered.add(n) ? Optional.of(n) : Optional.<Integer>empty())
            .toList();
        });
    }, sizes::add);
  }

  /** Submits on the group's event loop, in one go (one turn of the loop), and waits for every outcome. */
  private static List<Object> submitTogether(Supplier<List<Future<Optional<Integer>>>> submits) throws Exception {
    CompletableFuture<List<Future<Optional<Integer>>>> made = new CompletableFuture<>();
    loop.runOnContext(v -> made.complete(submits.get()));
    List<Object> outcomes = new ArrayList<>();
    for (Future<Optional<Integer>> f : made.get(10, TimeUnit.SECONDS)) {
      try {
        outcomes.add(f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException failed) {
        outcomes.add(failed.getCause());
      }
    }
    return outcomes;
  }

  private static long stored() throws Exception {
    return stack.count("SELECT count(*) FROM public.group_commit_probe");
  }

  @Test
  void requestsArrivingWhileABatchIsInFlightShareTheNextTransaction() throws Exception {
    var group = group(64, 1_000);
    List<Object> outcomes = submitTogether(() -> {
      List<Future<Optional<Integer>>> all = new ArrayList<>();
      for (int n = 1; n <= 10; n++) {
        all.add(group.submit(n, Deadline.in(10_000)));
      }
      return all;
    });
    // The first went at once (nothing in flight); the nine behind it went together when it was done,
    // long before the 1 s bound.
    assertThat(sizes).containsExactly(1, 9);
    assertThat(outcomes).containsExactly(Optional.of(1), Optional.of(2), Optional.of(3), Optional.of(4),
      Optional.of(5), Optional.of(6), Optional.of(7), Optional.of(8), Optional.of(9), Optional.of(10));
    assertThat(stored()).isEqualTo(10);
  }

  @Test
  void aFullBatchIsSentWithoutWaitingAndTheBoundSendsTheRest() throws Exception {
    var group = group(4, 20);
    submitTogether(() -> {
      List<Future<Optional<Integer>>> all = new ArrayList<>();
      for (int n = 1; n <= 11; n++) {
        all.add(group.submit(n, Deadline.in(10_000)));
      }
      return all;
    });
    assertThat(sizes).as("in the order the batches committed").containsExactlyInAnyOrder(1, 4, 4, 2);
    assertThat(stored()).isEqualTo(11);
  }

  @Test
  void aRepeatedItemIsNotDoneInTheBatchButItsNeighboursAre() throws Exception {
    var group = group(64, 1_000);
    Deadline second = Deadline.in(10_000);
    Deadline repeated = Deadline.in(10_000);
    List<Object> outcomes = submitTogether(() -> List.of(group.submit(1, Deadline.in(10_000)),
      group.submit(2, second), group.submit(2, repeated), group.submit(3, Deadline.in(10_000))));
    assertThat(outcomes).containsExactly(Optional.of(1), Optional.of(2), Optional.empty(), Optional.of(3));
    assertThat(sizes).as("what each committed batch stored").containsExactly(1, 2);
    assertThat(second.isCommitting()).as("stored: its outcome is awaited").isTrue();
    assertThat(repeated.isCommitting()).as("left out: its deadline still answers for it").isFalse();
  }

  @Test
  void aFailingStatementRollsTheBatchBackAndEveryRequestIsLeftToWriteAlone() throws Exception {
    var group = group(64, 1_000);
    List<Object> outcomes = submitTogether(() -> List.of(group.submit(1, Deadline.in(10_000)),
      group.submit(5, Deadline.in(10_000)), group.submit(0, Deadline.in(10_000)), group.submit(6, Deadline.in(10_000))));
    assertThat(sizes).as("only committed batches store anything").containsExactly(1);
    assertThat(outcomes).containsExactly(Optional.of(1), Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(stored()).as("the batch with 0 in it stored nothing").isEqualTo(1);
  }

  @Test
  void aWorkThatThrowsIsAFailedOneAndEveryRequestIsLeftToWriteAlone() throws Exception {
    var group = group(64, 1_000);
    List<Object> outcomes = submitTogether(() -> List.of(group.submit(1, Deadline.in(10_000)),
      group.submit(13, Deadline.in(10_000)), group.submit(14, Deadline.in(10_000))));
    assertThat(outcomes).containsExactly(Optional.of(1), Optional.empty(), Optional.empty());
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void aRequestWhoseDeadlinePassedWhileItWaitedIsNotSentAndItsNeighboursAreStored() throws Exception {
    var group = group(64, 1_000);
    List<Object> outcomes = submitTogether(() -> List.of(group.submit(1, Deadline.in(10_000)),
      group.submit(7, Deadline.in(10_000)), group.submit(8, Deadline.in(0))));
    assertThat(sizes).containsExactly(1, 1);
    assertThat(outcomes.get(1)).isEqualTo(Optional.of(7));
    assertThat(outcomes.get(2)).isInstanceOf(DeadlineExceeded.class);
    assertThat(stored()).isEqualTo(2);
  }

  @Test
  void aNeighbourWhoseDeadlinePassesBeforeTheCommitRollsTheBatchBackAndOnlyItFails() throws Exception {
    // Each transaction takes a second: 8 is sent with about half a second left, and has none at the commit.
    var group = group(64, 1_000, 1.0);
    List<Object> outcomes = submitTogether(() -> List.of(group.submit(1, Deadline.in(10_000)),
      group.submit(7, Deadline.in(10_000)), group.submit(8, Deadline.in(1_500))));
    assertThat(sizes).containsExactly(1);
    assertThat(outcomes.get(0)).isEqualTo(Optional.of(1));
    assertThat(outcomes.get(1)).as("still in time: written alone by its caller").isEqualTo(Optional.empty());
    assertThat(outcomes.get(2)).isInstanceOf(DeadlineExceeded.class);
    assertThat(stored()).isEqualTo(1);
  }
}
