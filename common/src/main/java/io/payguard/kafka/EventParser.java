package io.payguard.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.payguard.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads an event record from a message value, turning every parse failure into {@link InvalidMessage}. */
public final class EventParser {

  private EventParser() {
  }

  public static <T> T read(String value, Class<T> type) throws InvalidMessage {
    if (value == null || value.isBlank()) {
      throw new InvalidMessage("empty message");
    }
    T event;
    try {
      event = Json.read(value.getBytes(StandardCharsets.UTF_8), type);
    } catch (JsonProcessingException e) {
      throw new InvalidMessage("not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidMessage("not a " + type.getSimpleName() + ": unreadable JSON");
    }
    if (event == null) {
      throw new InvalidMessage("empty message");
    }
    return event;
  }

  public static void require(boolean condition, String reason) throws InvalidMessage {
    if (!condition) {
      throw new InvalidMessage(reason);
    }
  }
}
