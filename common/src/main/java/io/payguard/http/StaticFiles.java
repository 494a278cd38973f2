package io.payguard.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed set of files read from the classpath once, at start, and served from memory by name: the docs
 * page's and the console's. Only the names given exist, so no path from a request ever reaches the file
 * system.
 */
public final class StaticFiles {

  /** One file: its Content-Type and its bytes. */
  public record File(String contentType, Buffer content) {

    public static File of(String contentType, String text) {
      return new File(contentType, Buffer.buffer(text));
    }
  }

  private StaticFiles() {
  }

  /** {@code types}: each file's name (under {@code dir}) and Content-Type. */
  public static Future<Map<String, File>> load(Vertx vertx, String dir, Map<String, String> types) {
    List<String> names = List.copyOf(types.keySet());
    List<Future<Buffer>> reads = names.stream().map(name -> vertx.fileSystem().readFile(dir + name)).toList();
    return Future.all(reads).map(read -> {
      Map<String, File> files = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        files.put(names.get(i), new File(types.get(names.get(i)), reads.get(i).result()));
      }
      return files;
    });
  }

  /** Replies with {@code file} and {@code headers}; a missing file (null) is the router's 404 problem. */
  public static void send(RoutingContext ctx, File file, Map<String, String> headers) {
    if (file == null) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Content-Type", file.contentType());
    headers.forEach(ctx.response()::putHeader);
    ctx.response().end(file.content().copy()); // a written Buffer is released: each reply gets its own
  }
}
