package io.payguard.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

  @Test
  void generatesOnceThenReusesFromAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data/secrets.properties");

    Secrets first = Secrets.loadOrCreate(file);
    Secrets again = Secrets.loadOrCreate(file);

    assertThat(again).isEqualTo(first);
    assertThat(first.paymentDbPassword()).isNotEqualTo(first.riskDbPassword()).isNotEqualTo(first.apiKey())
      .matches("[A-Za-z0-9_-]{32}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(first.toString()).doesNotContain(first.apiKey());
  }
}
