package io.payguard.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Parses an HTTP/1.1 reply read whole from a socket (Content-Length, chunked, or up to the close). */
final class RawReplies {

  private RawReplies() {
  }

  static ApiClient.Reply parse(byte[] bytes) {
    int headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (headEnd < 0) {
      throw new IllegalStateException("no complete HTTP reply (" + bytes.length + " bytes): "
        + new String(bytes, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
        .add(lines[i].substring(colon + 1).trim());
    }
    int start = headEnd + 4;
    byte[] body;
    if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
      body = dechunk(bytes, start);
    } else if (headers.containsKey("Content-Length")) {
      int length = Integer.parseInt(headers.get("Content-Length").get(0));
      body = java.util.Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + length));
    } else {
      body = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
    }
    return new ApiClient.Reply(status, HttpHeaders.of(headers, (a, b) -> true),
      new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] bytes, int from) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = from;
    while (at < bytes.length) {
      int lineEnd = indexOf(bytes, new byte[] {'\r', '\n'}, at);
      int size = Integer.parseInt(new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(bytes, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte[] needle, int from) {
    outer:
    for (int i = from; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
