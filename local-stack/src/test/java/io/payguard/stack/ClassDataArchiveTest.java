package io.payguard.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {

  private static final ServiceJvm JDK17 = new ServiceJvm(Path.of("/jdk17"), 17, "17.0.15+6");
  private static final ServiceJvm JDK25 = new ServiceJvm(Path.of("/jdk25"), 25, "25.0.3+9-LTS");
  private static final List<String> OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC");

  @TempDir
  Path data;

  private Path jar(String content, long entryTime) throws IOException {
    Path jar = data.resolve("payment-verticle.jar");
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry entry = new ZipEntry("io/payguard/Main.class");
      entry.setTime(entryTime);
      zip.putNextEntry(entry);
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Files.setLastModifiedTime(jar, FileTime.fromMillis(entryTime));
    return jar;
  }

  @Test
  void aJarIsArchivedOnItsFirstRunAndARebuildOfTheSameSourcesReusesTheArchive() throws Exception {
    ClassDataArchive.Launch first = ClassDataArchive.prepare(data, "payment", jar("v1", 1_000_000), JDK17, OPTIONS);
    assertThat(first.jvmOptions()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(first.jar()).exists().isNotEqualTo(data.resolve("payment-verticle.jar"));
    Path archive = Path.of(first.jvmOptions().get(0).substring(first.jvmOptions().get(0).indexOf('=') + 1));
    Files.writeString(archive, "as the JVM writes it at exit");
    FileTime copied = Files.getLastModifiedTime(first.jar());

    // Rebuilt: same content, new timestamps everywhere. The copy the JVM knows, and its archive, stay.
    ClassDataArchive.Launch rebuilt = ClassDataArchive.prepare(data, "payment", jar("v1", 9_000_000), JDK17, OPTIONS);
    assertThat(rebuilt.jar()).isEqualTo(first.jar());
    assertThat(Files.getLastModifiedTime(rebuilt.jar())).isEqualTo(copied);
    assertThat(rebuilt.jvmOptions()).contains("-XX:SharedArchiveFile=" + archive);

    ClassDataArchive.Launch changed = ClassDataArchive.prepare(data, "payment", jar("v2", 9_000_000), JDK17, OPTIONS);
    assertThat(changed.jar()).isNotEqualTo(first.jar());
    assertThat(changed.jvmOptions()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(archive).as("the stale archive is removed").doesNotExist();
    assertThat(first.jar()).as("and its jar copy").doesNotExist();
  }

  @Test
  void onJdk25TheJarGetsAnAotCacheInstead() throws Exception {
    Path jar = jar("v1", 1_000_000);
    ClassDataArchive.Launch first = ClassDataArchive.prepare(data, "risk", jar, JDK25, OPTIONS);
    assertThat(first.jvmOptions().get(0)).startsWith("-XX:AOTCacheOutput=").endsWith(".aot");
    Path cache = Path.of(first.jvmOptions().get(0).substring(first.jvmOptions().get(0).indexOf('=') + 1));
    Files.writeString(cache, "as the JVM writes it at exit");
    assertThat(ClassDataArchive.prepare(data, "risk", jar, JDK25, OPTIONS).jvmOptions()).contains("-XX:AOTCache=" + cache);
    assertThat(ClassDataArchive.prepare(data, "risk", jar, JDK17, OPTIONS).jvmOptions().get(0))
      .as("a JDK 17 run makes an archive of its own").startsWith("-XX:ArchiveClassesAtExit=");
  }

  @Test
  void anotherBuildOfTheJdkOrOtherOptionsStartANewArchiveInsteadOfOneTheJvmWouldIgnore() throws Exception {
    Path jar = jar("v1", 1_000_000);
    Path first = ClassDataArchive.prepare(data, "risk", jar, JDK25, OPTIONS).jar();
    ServiceJvm update = new ServiceJvm(Path.of("/jdk25"), 25, "25.0.4+7-LTS");
    Path updated = ClassDataArchive.prepare(data, "risk", jar, update, OPTIONS).jar();
    assertThat(updated).isNotEqualTo(first);
    assertThat(first).as("the stale copy is removed").doesNotExist();
    Path c2 = ClassDataArchive.prepare(data, "risk", jar, update, List.of("-Xmx128m", "-XX:+UseG1GC")).jar();
    assertThat(c2).isNotEqualTo(updated);
    assertThat(ClassDataArchive.prepare(data, "risk", jar, update, List.of("-Xmx128m", "-XX:+UseG1GC")).jar())
      .as("the same JDK and options again").isEqualTo(c2);
  }

  @Test
  void aJarNotBuiltIsLeftAsItIs() {
    Path missing = data.resolve("missing.jar");
    ClassDataArchive.Launch launch = ClassDataArchive.prepare(data, "risk", missing, JDK25, OPTIONS);
    assertThat(launch.jar()).isEqualTo(missing);
    assertThat(launch.jvmOptions()).isEmpty();
  }
}
