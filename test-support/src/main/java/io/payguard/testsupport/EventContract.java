package io.payguard.testsupport;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract of one Kafka topic's records (contracts/events/&lt;topic&gt;.schema.json): the value as a JSON
 * Schema, and the key and headers its description names (key = the value's user_id; payguard.payment_id
 * = its payment_request_id; payguard.request_id present).
 */
public final class EventContract {

  private final String topic;
  private final Validator validator;

  private EventContract(String topic, Validator validator) {
    this.topic = topic;
    this.validator = validator;
  }

  public static EventContract of(String topic) {
    try {
      JsonObject schema = new JsonObject(Files.readString(
        Services.projectRoot().resolve("contracts/events/" + topic + ".schema.json")));
      return new EventContract(topic, Validator.create(JsonSchema.of(schema),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://payguard.dev/events/")
          .setOutputFormat(OutputFormat.Basic)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with {@code record} by the contract; empty when nothing is. */
  public List<String> violations(ConsumerRecord<String, String> record) {
    List<String> wrong = new ArrayList<>();
    String where = topic + "@" + record.partition() + ":" + record.offset() + " ";
    JsonObject value;
    try {
      value = new JsonObject(record.value());
    } catch (RuntimeException notJson) {
      return List.of(where + "value is not a JSON object: " + record.value());
    }
    OutputUnit result = validator.validate(value);
    if (!Boolean.TRUE.equals(result.getValid())) {
      List<OutputUnit> errors = result.getErrors() == null ? List.of(result) : result.getErrors();
      errors.forEach(e -> wrong.add(where + e.getInstanceLocation() + ": " + e.getError()));
    }
    if (!value.getValue("user_id", "").equals(record.key())) {
      wrong.add(where + "key " + record.key() + " is not the user_id " + value.getValue("user_id"));
    }
    if (!value.getValue("payment_request_id", "").equals(TestStack.header(record, "payguard.payment_id"))) {
      wrong.add(where + "header payguard.payment_id is not the payment_request_id");
    }
    if (TestStack.header(record, "payguard.request_id") == null) {
      wrong.add(where + "no header payguard.request_id");
    }
    return wrong;
  }
}
