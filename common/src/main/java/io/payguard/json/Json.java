package io.payguard.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON setup of payguard: snake_case field names (the old demo's), decimals read as
 * {@link java.math.BigDecimal} so money never passes through a double, bounded nesting and number
 * length so a hostile body cannot exhaust the parser, and duplicate keys refused.
 */
public final class Json {

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(32)
        .maxNumberLength(64)
        .maxStringLength(1_000_000)
        .build())
      // {"amount":"1","amount":"1000"}: parsers disagree on which wins, so neither does here.
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build())
    .addModule(new JavaTimeModule())
    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
    .build();

  private Json() {
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a tree, throwing {@link JsonProcessingException} for anything that is not one JSON document. */
  public static JsonNode readTree(Buffer body) throws IOException {
    return MAPPER.readTree(body.getBytes());
  }

  /** As {@link #readTree(Buffer)}, from text already decoded. */
  public static JsonNode readTree(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
    return MAPPER.readValue(bytes, type);
  }

  public static Buffer write(Object value) {
    return Buffer.buffer(bytes(value));
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
