package io.payguard.risk.consumer;

import io.payguard.events.Topics;
import io.payguard.risk.assessment.Assessment;
import io.payguard.risk.assessment.AuthRequestRepository;
import io.payguard.risk.assessment.RiskScorer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assesses {@code payment_request} messages one polled batch at a time: store every assessment in one
 * transaction, dead-letter what cannot be parsed, and only then commit the offsets. The next poll
 * starts after the commit, so there is never a committed offset whose record is not stored (a crash
 * re-delivers, and the store makes the redelivery a no-op), and a rebalance never finds work in flight.
 * A batch that fails (database down) is rewound and retried with back-off, never skipped.
 */
public final class PaymentRequestConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentRequestConsumer.class);

  private final Vertx vertx;
  private final KafkaConsumer<String, String> consumer;
  private final AuthRequestRepository store;
  private final DeadLetters deadLetters;
  private final RiskScorer scorer;
  private final PaymentRequestParser parser = new PaymentRequestParser();
  private final ConsumerSettings settings;

  private long backoffMs;
  private boolean stopped;
  private final Promise<Void> loopEnded = Promise.promise();

  public PaymentRequestConsumer(Vertx vertx, KafkaConsumer<String, String> consumer, AuthRequestRepository store,
                                DeadLetters deadLetters, RiskScorer scorer, ConsumerSettings settings) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.store = store;
    this.deadLetters = deadLetters;
    this.scorer = scorer;
    this.settings = settings;
    this.backoffMs = settings.retryBackoffMs();
  }

  public Future<Void> start() {
    return consumer.subscribe(Topics.PAYMENT_REQUEST).onSuccess(v -> loop());
  }

  /** Finishes the batch in hand (stored and committed), then closes the consumer. */
  public Future<Void> stop() {
    stopped = true;
    return loopEnded.future().eventually(consumer::close);
  }

  private void loop() {
    if (stopped) {
      loopEnded.tryComplete();
      return;
    }
    consumer.poll(Duration.ofMillis(settings.pollTimeoutMs()))
      .compose(records -> process(records).recover(failure -> rewind(records, failure)))
      .onComplete(done -> {
        if (done.succeeded()) {
          backoffMs = settings.retryBackoffMs();
          loop();
        } else {
          LOG.warn("payment_request batch failed, retrying in {} ms: {}", backoffMs, done.cause().toString());
          long delay = backoffMs;
          backoffMs = Math.min(backoffMs * 2, settings.maxRetryBackoffMs());
          vertx.setTimer(delay, t -> loop());
        }
      });
  }

  private Future<Void> process(KafkaConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Assessment> assessments = new ArrayList<>(records.size());
    List<DeadLetters.Letter> letters = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      try {
        var payment = parser.parse(record.value());
        assessments.add(new Assessment(payment, scorer.score(payment)));
      } catch (PaymentRequestParser.InvalidMessage invalid) {
        LOG.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          invalid.getMessage());
        letters.add(new DeadLetters.Letter(record, invalid.getMessage()));
      }
    }
    return store.saveAll(assessments)
      .compose(saved -> deadLetters.sendAll(letters))
      .compose(sent -> consumer.commit());
  }

  /** Puts every partition of a failed batch back to its first record, so nothing in it is skipped. */
  private Future<Void> rewind(KafkaConsumerRecords<String, String> records, Throwable failure) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      var record = records.recordAt(i);
      first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
    }
    List<Future<Void>> seeks = first.entrySet().stream()
      .map(e -> consumer.seek(e.getKey(), e.getValue())).toList();
    return Future.all(seeks).transform(ignored -> Future.failedFuture(failure));
  }
}
