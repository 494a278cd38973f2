package io.payguard.bench.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Reading replies of an API we do not control: anything unexpected becomes null, never an exception. */
public final class Replies {

  private Replies() {
  }

  public static JsonObject object(HttpResponse<Buffer> response) {
    try {
      Object value = response.body() == null ? null : response.body().toJsonValue();
      return value instanceof JsonObject o ? o : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  public static JsonArray array(HttpResponse<Buffer> response) {
    try {
      Object value = response.body() == null ? null : response.body().toJsonValue();
      return value instanceof JsonArray a ? a : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  public static String text(JsonObject json, String field) {
    Object value = json == null ? null : json.getValue(field);
    return value == null ? null : value.toString();
  }

  /** A short description of a failed call for error messages: status and the start of the body. */
  public static String describe(HttpResponse<Buffer> response) {
    String body = response.bodyAsString();
    if (body != null && body.length() > 300) {
      body = body.substring(0, 300) + "…";
    }
    return "HTTP " + response.statusCode() + (body == null ? "" : " " + body);
  }
}
