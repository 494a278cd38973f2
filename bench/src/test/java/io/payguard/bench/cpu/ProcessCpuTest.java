package io.payguard.bench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

  @TempDir
  Path proc;

  /** A /proc/<pid>/stat line: the command name in parentheses may hold spaces and ')'. */
  private void process(long pid, long parent, String comm, String cmdline, long utime, long stime, long cutime,
                       long cstime) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(String.valueOf(pid)));
    StringBuilder fields = new StringBuilder(pid + " (" + comm + ") S " + parent);
    for (int field = 5; field <= 13; field++) {
      fields.append(" 0");
    }
    fields.append(" ").append(utime).append(" ").append(stime).append(" ").append(cutime).append(" ").append(cstime)
      .append(" 20 0 1 0 100 0 0\n");
    Files.writeString(dir.resolve("stat"), fields);
    Files.writeString(dir.resolve("cmdline"), cmdline.replace(' ', '\0'));
  }

  @Test
  void eachPartCountsItsProcessItsLiveDescendantsAndWhatItReaped() throws IOException {
    process(10, 1, "java", "java -jar payment.jar", 300, 100, 0, 0);
    process(20, 1, "postgres", "/pg/bin/postgres -D data", 5, 5, 40, 10);   // 50 ticks of exited backends
    process(21, 20, "postgres", "postgres: checkpointer ", 2, 1, 0, 0);
    process(22, 20, "postgres", "postgres: payment_svc payguard 127.0.0.1(5000) idle", 70, 30, 0, 0);
    process(23, 20, "postgres", "postgres: risk_svc payguard 127.0.0.1(5001) idle", 15, 5, 0, 0);
    process(24, 20, "postgres", "postgres: logical replication launcher ", 3, 0, 0, 0);
    process(30, 1, "java (kafka) x", "java kafka.Kafka server.properties", 9, 1, 0, 0);
    process(31, 1, "bash", "bash", 999, 999, 0, 0);                          // not watched

    Map<String, Long> ticks = new ProcessCpu(proc, new LinkedHashMap<>(Map.of("payment", 10L, "postgres", 20L,
      "kafka", 30L))).sample();

    assertThat(ticks).containsEntry("payment", 400L).containsEntry("kafka", 10L)
      .containsEntry("postgres:server", 66L).containsEntry("postgres:payment_svc", 100L)
      .containsEntry("postgres:risk_svc", 20L).containsKey(ProcessCpu.GENERATOR).doesNotContainKey("bash").hasSize(6);
  }

  @Test
  void memoryIsEachWatchedProcesssOwnResidentSetNowAndAtItsPeak() throws IOException {
    process(10, 1, "java", "java -jar payment.jar", 1, 1, 0, 0);
    Files.writeString(proc.resolve("10/status"), "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  153600 kB\nThreads:\t40\n");
    JsonObject memory = new ProcessCpu(proc, Map.of("payment", 10L)).memory();
    assertThat(memory.getJsonObject("payment").getDouble("rss_mb")).isEqualTo(150.0);
    assertThat(memory.getJsonObject("payment").getDouble("peak_rss_mb")).isEqualTo(200.0);
  }

  @Test
  void aWatchedProcessThatIsGoneFailsTheSampleRatherThanCountingNothing() {
    assertThatThrownBy(() -> new ProcessCpu(proc, Map.of("risk", 99L)).sample())
      .hasMessageContaining("risk (pid 99) is not running");
  }

  @Test
  void theDifferenceIsDividedByTheDecidedPaymentsAndTheServersAreSummedWithoutTheGenerator() {
    Map<String, Long> before = Map.of("payment", 100L, "postgres:payment_svc", 50L, ProcessCpu.GENERATOR, 10L);
    Map<String, Long> after = new LinkedHashMap<>();
    after.put("payment", 300L);                     // 2 s
    after.put("postgres:payment_svc", 150L);        // 1 s
    after.put(ProcessCpu.GENERATOR, 110L);          // 1 s, not a server
    JsonObject measured = ProcessCpu.perPayment(before, after, 1000, 10.0);

    assertThat(measured.getJsonObject("ms_per_decided_payment").getDouble("payment")).isEqualTo(2.0);
    assertThat(measured.getJsonObject("ms_per_decided_payment").getDouble(ProcessCpu.GENERATOR)).isEqualTo(1.0);
    assertThat(measured.getDouble("servers_ms_per_decided_payment")).isEqualTo(3.0);
    assertThat(measured.getDouble("servers_cores_busy")).isEqualTo(0.3);
    assertThat(measured.getJsonObject("cpu_s").getDouble("postgres:payment_svc")).isEqualTo(1.0);
  }

  @Test
  void theSpecNamesEachProcessOnceWithItsPid() {
    assertThat(ProcessCpu.of("payment=12, risk=13").describe()).isEqualTo("{payment=12, risk=13}");
    assertThatThrownBy(() -> ProcessCpu.of("payment")).hasMessageContaining("name=pid");
    assertThatThrownBy(() -> ProcessCpu.of("payment=12,risk=12")).hasMessageContaining("pid 12 twice");
  }
}
