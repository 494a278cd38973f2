package io.payguard.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a service's configuration once at start: the JSON the launcher was given with {@code -conf}
 * (or a file named by {@code PAYGUARD_CONFIG_FILE}), then the environment on top, then checks the result
 * against the service's schema ({@link ConfigSchema}): a service never starts on a configuration it
 * would misread.
 */
public final class ConfigLoading {

  private ConfigLoading() {
  }

  /** {@code service}: "payment" or "risk", whose schema applies. */
  public static Future<JsonObject> load(Vertx vertx, String service, JsonObject launcherConfig,
                                        List<String> secretPaths, Map<String, String> environment) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false)
      .addStore(new ConfigStoreOptions().setType("json").setConfig(launcherConfig));
    String file = environment.get("PAYGUARD_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
        .setConfig(new JsonObject().put("path", file)));
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
      .eventually(retriever::close)
      .compose(fileConfig -> secretFiles(vertx, secretPaths, environment).map(env -> {
        JsonObject config = EnvOverrides.apply(fileConfig, env, secretPaths);
        ConfigSchema.of(service).check(config);
        return config;
      }));
  }

  /**
   * {@code environment} with each secret that is given as a file ({@code PAYGUARD_API_KEYS_FILE=/run/secrets/keys},
   * the way container secrets are mounted) read into its variable, trailing white space dropped. A secret
   * given both ways is refused: which one wins would be a guess.
   */
  private static Future<Map<String, String>> secretFiles(Vertx vertx, List<String> secretPaths,
                                                         Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    List<Future<Void>> reads = new ArrayList<>();
    for (String secret : secretPaths) {
      String variable = EnvOverrides.variableName(secret);
      String file = environment.get(variable + "_FILE");
      if (file == null || file.isBlank()) {
        continue;
      }
      if (environment.containsKey(variable)) {
        return Future.failedFuture(new ConfigSchema.InvalidConfig(variable + " and " + variable
          + "_FILE are both set; set one"));
      }
      reads.add(vertx.fileSystem().readFile(file)
        .recover(e -> Future.failedFuture(new ConfigSchema.InvalidConfig(variable + "_FILE names " + file
          + ", which cannot be read")))
        .map(content -> {
          env.put(variable, content.toString(StandardCharsets.UTF_8).strip());
          return null;
        }));
    }
    return Future.all(reads).map(done -> env);
  }
}
