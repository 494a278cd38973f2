package io.payguard.metrics;

import io.payguard.config.StartFailure;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Vert.x launcher ({@code java -jar <service>.jar -conf ...}, same options) with metrics switched on
 * before Vert.x starts (metrics options can only be given when a Vert.x instance is created), and with
 * start-up failures reported as one line on stderr and exit status 1: a configuration file that is not
 * JSON (the launcher alone would only warn and start with an empty configuration), a configuration the
 * schema refuses, a database that cannot be reached. Each service's jar has a subclass as its
 * {@code Main-Class}: the launcher finds {@code Main-Verticle} in the manifest of the running class.
 */
public abstract class ServiceLauncher extends VertxApplication implements VertxApplicationHooks {

  private static final Pattern JSON_POSITION = Pattern.compile("line: (\\d+), column: (\\d+)");

  private final String service;
  private final List<String> args;

  /** {@code service}: "payment" or "risk", which names the metrics registry. */
  protected ServiceLauncher(String[] args, String service) {
    super(args);
    this.service = service;
    this.args = List.of(args);
  }

  /** Launches the service, or exits with status 1 and one line saying why it cannot start. */
  protected void start() {
    String notJson = unreadableConfigFile();
    if (notJson != null) {
      exit(notJson);
    }
    launch();
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    return ServiceMetrics.vertxBuilder(service, options);
  }

  @Override
  public void afterFailureToStartVertx(HookContext context, Throwable failure) {
    exit(describe(failure));
  }

  @Override
  public void afterFailureToDeployVerticle(HookContext context, Throwable failure) {
    exit(describe(failure));
  }

  private static String describe(Throwable failure) {
    if (failure instanceof StartFailure known) {
      return known.getMessage();
    }
    // Not a failure we foresaw: its trace helps whoever fixes it.
    failure.printStackTrace();
    return failure.getClass().getSimpleName() + ": " + StartFailure.rootMessage(failure);
  }

  private void exit(String why) {
    System.err.println("payguard " + service + " cannot start: " + why);
    System.err.flush();
    System.exit(1);
  }

  /** The {@code -conf} file, if one is named and exists, when it is not a JSON object; else null. */
  private String unreadableConfigFile() {
    String value = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if ((arg.equals("-conf") || arg.equals("--conf")) && i + 1 < args.size()) {
        value = args.get(i + 1);
      } else if (arg.startsWith("-conf=") || arg.startsWith("--conf=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      }
    }
    if (value == null || value.strip().startsWith("{") || !Files.isRegularFile(Path.of(value))) {
      return null; // inline JSON, or no file: the launcher's own handling
    }
    try {
      new JsonObject(Files.readString(Path.of(value)));
      return null;
    } catch (DecodeException | ClassCastException e) {
      // Never the parser's excerpt of the file: only where it stopped.
      Matcher at = JSON_POSITION.matcher(String.valueOf(e.getMessage()));
      return value + " is not a JSON object" + (at.find() ? " (line " + at.group(1) + ", column " + at.group(2) + ")" : "");
    } catch (IOException e) {
      return value + " cannot be read: " + e.getMessage();
    }
  }
}
