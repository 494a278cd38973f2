package io.payguard.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {

  @TempDir
  Path data;

  @Test
  void aJarIsArchivedOnItsFirstRunThenMappedAndARebuildStartsOver() throws Exception {
    Path jar = Files.writeString(data.resolve("payment-verticle.jar"), "jar v1");
    List<String> first = ClassDataArchive.jvmOptions(data, "payment", jar);
    assertThat(first).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    Path archive = Path.of(first.get(0).substring(first.get(0).indexOf('=') + 1));
    Files.writeString(archive, "as the JVM would write it at exit");

    assertThat(ClassDataArchive.jvmOptions(data, "payment", jar))
      .contains("-XX:SharedArchiveFile=" + archive);

    Files.writeString(jar, "jar v2, rebuilt");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
    assertThat(ClassDataArchive.jvmOptions(data, "payment", jar)).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(archive).as("the stale archive is removed").doesNotExist();
  }

  @Test
  void aJarNotBuiltGetsNoArchive() {
    assertThat(ClassDataArchive.jvmOptions(data, "risk", data.resolve("missing.jar"))).isEmpty();
  }
}
