package io.payguard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.List;

/** Reads a request body as one JSON object, or fails with the right problem. */
public final class JsonBodies {

  // Parsed once per request: the contract validation reads the body before the route does.
  private static final String PARSED = "payguard.jsonBody";

  private JsonBodies() {
  }

  public static ObjectNode object(RoutingContext ctx) {
    ObjectNode parsed = ctx.get(PARSED);
    if (parsed != null) {
      return parsed;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && !isJson(contentType)) {
      throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
        "Send the body as application/json.", List.of());
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ProblemException.badRequest("The request body is empty; a JSON object is expected.");
    }
    JsonNode node;
    try {
      node = Json.readTree(body);
    } catch (StreamConstraintsException e) {
      throw ProblemException.badRequest("The JSON body is nested too deeply or has an over-long value.");
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("The body is not valid JSON"
        + (e.getLocation() == null ? "." : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")."));
    } catch (IOException e) {
      throw ProblemException.badRequest("The body is not valid JSON.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw ProblemException.badRequest("The body must be a JSON object.");
    }
    ctx.put(PARSED, object);
    return object;
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase();
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }
}
