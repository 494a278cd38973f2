package io.payguard.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceJvmTest {

  @TempDir
  Path dir;

  private Path jdk(String name, String release) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), release);
    return home.toRealPath();
  }

  @Test
  void theNewestJdkFrom25OnIsChosenOverTheStacksOwn() throws Exception {
    Path own = jdk("own-17", "JAVA_VERSION=\"17.0.15\"\n");
    Path installed = Files.createDirectories(dir.resolve("jvm"));
    jdk("jvm/openjdk-21", "JAVA_VERSION=\"21.0.2\"\n");
    Path jdk25 = jdk("jvm/temurin-25", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\nJAVA_VERSION=\"25.0.3\"\n");
    Files.createDirectories(installed.resolve("not-a-jdk"));

    ServiceJvm chosen = ServiceJvm.find(Map.of(), own, installed);

    assertThat(chosen.javaHome()).isEqualTo(jdk25);
    assertThat(chosen.feature()).isEqualTo(25);
    assertThat(chosen.version()).isEqualTo("25.0.3+9-LTS");
    assertThat(chosen.java()).isEqualTo(jdk25.resolve("bin/java").toString());
  }

  @Test
  void withoutAJdk25TheStacksOwnJdkRunsTheServices() throws Exception {
    Path own = jdk("own-17", "JAVA_VERSION=\"17.0.15\"\n");
    Path installed = Files.createDirectories(dir.resolve("jvm"));
    jdk("jvm/openjdk-21", "JAVA_VERSION=\"21.0.2\"\n");

    ServiceJvm chosen = ServiceJvm.find(Map.of("JAVA_HOME", installed.resolve("openjdk-21").toString()), own, installed);

    assertThat(chosen.javaHome()).isEqualTo(own);
    assertThat(chosen.feature()).isEqualTo(17);
  }

  @Test
  void theOperatorsChoiceWinsAndMustBeAJdk() throws Exception {
    Path own = jdk("own-17", "JAVA_VERSION=\"17.0.15\"\n");
    Path installed = Files.createDirectories(dir.resolve("jvm"));
    jdk("jvm/temurin-25", "JAVA_VERSION=\"25.0.3\"\n");

    assertThat(ServiceJvm.find(Map.of("PAYGUARD_SERVICE_JAVA_HOME", own.toString()), own, installed).feature())
      .isEqualTo(17);
    assertThatThrownBy(() -> ServiceJvm.find(Map.of("PAYGUARD_SERVICE_JAVA_HOME", dir.resolve("nope").toString()),
      own, installed))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("PAYGUARD_SERVICE_JAVA_HOME");
  }
}
