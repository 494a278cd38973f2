package io.payguard.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChildProcessTest {

  /**
   * A service log is JSON lines ("grep | jq" over both logs), and the local stack appends its run marker
   * to it before each start: that marker must be a JSON line too, and still delimit the runs.
   */
  @Test
  void runMarkerIsAJsonLineAndLogTailShowsTheLastRunOnly(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("svc.log");
    Files.writeString(log, "{\"level\":\"INFO\",\"formattedMessage\":\"an older run\"}\n");
    ChildProcess child = new ChildProcess("svc", log);

    child.runToCompletion(List.of("-version"), 60);
    Files.writeString(log, "{\"level\":\"INFO\",\"formattedMessage\":\"first run\"}\n", java.nio.file.StandardOpenOption.APPEND);
    child.start(List.of("-version"), Map.of());
    child.stop(30);

    List<String> lines = Files.readAllLines(log);
    List<String> markers = lines.stream().filter(line -> line.contains("payguard started svc")).toList();
    assertThat(markers).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    for (String marker : markers) {
      JsonNode node = json.readTree(marker);
      assertThat(node.isObject()).isTrue();
      assertThat(node.path("level").asText()).isEqualTo("INFO");
      assertThat(node.path("formattedMessage").asText()).startsWith("--- payguard started svc at ");
      assertThat(node.path("timestamp").isNumber()).isTrue();
    }
    String tail = child.logTail(100);
    assertThat(tail).contains("payguard started svc").doesNotContain("first run").doesNotContain("an older run");
  }
}
