package io.payguard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

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
        "Send the body as application/json, in UTF-8.", List.of());
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ProblemException.badRequest("The request body is empty; a JSON object is expected.");
    }
    String text = utf8(body.getBytes());
    JsonNode node;
    try {
      node = Json.readTree(text);
    } catch (StreamConstraintsException e) {
      throw ProblemException.badRequest("The JSON body is nested too deeply or has an over-long value.");
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("The body is not valid JSON"
        + (e.getLocation() == null ? "." : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")."));
    } catch (IOException e) {
      throw ProblemException.badRequest("The body is not valid JSON.");
    } catch (NumberFormatException e) {
      // Jackson reads a number such as 1e99999999999 lazily into a BigDecimal, which refuses it.
      throw ProblemException.badRequest("The body holds a number out of range.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw ProblemException.badRequest("The body must be a JSON object.");
    }
    ctx.put(PARSED, object);
    return object;
  }

  /** JSON, and if a charset is named, UTF-8: the body is read as UTF-8, so another one would be misread. */
  private static boolean isJson(String contentType) {
    String[] parts = contentType.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param[0].trim().equalsIgnoreCase("charset")) {
        String charset = param.length < 2 ? "" : param[1].trim().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8")) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The body decoded as strict UTF-8. Jackson, given bytes, lets overlong forms, encoded surrogates and
   * code points past U+10FFFF through (an overlong "/" would be stored as "/"), and guesses UTF-16 or
   * UTF-32 from the first bytes; given this text, it parses exactly what was sent, as UTF-8.
   */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw ProblemException.badRequest("The body is not valid UTF-8.");
    }
  }
}
