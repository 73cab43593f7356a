package org.newpathkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Relaunch}'s decisions that need no second JVM: which options both JVMs may take, when an archive fits. */
class RelaunchTest {
    @Test
    void onlyOptionsBothJvmsMayTakeAllowARelaunch() {
        assertTrue(Relaunch.harmless(List.of()));
        assertTrue(Relaunch.harmless(List.of("-Xmx2g", "-Xms512m", "-Xss4m", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8", "-ea", "-XX:+PrintCommandLineFlags", "-XX:-UseTransparentHugePages", "-XX:NewSize=32m")));
        // Each names a file, a port or an agent the first JVM already took, or concerns class data sharing.
        for (String o : List.of("-Xlog:gc:file=gc.log", "-XX:StartFlightRecording=filename=x.jfr", "-XX:HeapDumpPath=/tmp",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:a.jar", "-Dcom.sun.management.jmxremote.port=9010",
                "-Xshare:off", "-XX:SharedArchiveFile=x.jsa", "-XX:ArchiveClassesAtExit=x.jsa", "-Xlog:cds", "-XX:+HeapDumpOnOutOfMemoryError"))
            assertFalse(Relaunch.harmless(List.of("-Xmx1g", o)), o);
    }

    @Test
    void hugePagesOnlyWhereTheKernelsSettingTakesTheJvmsRequest() {
        assertTrue(ServerJvm.takesHugePages("always [madvise] never\n"));
        assertTrue(ServerJvm.takesHugePages("[always] madvise never\n"));
        assertFalse(ServerJvm.takesHugePages("always madvise [never]\n"));
        assertFalse(ServerJvm.takesHugePages(""));
    }

    @Test
    void theChildTakesHugePagesOnlyWhereTheKernelHasThem() {
        assertEquals(ServerJvm.JIT_OPTIONS, ServerJvm.options(false));
        List<String> withPages = ServerJvm.options(true);
        assertEquals(ServerJvm.JIT_OPTIONS.size() + ServerJvm.MEMORY_OPTIONS.size(), withPages.size());
        assertTrue(withPages.containsAll(ServerJvm.JIT_OPTIONS) && withPages.containsAll(ServerJvm.MEMORY_OPTIONS));
        // Last among the child's own options: a user's, added after them (childCommand), wins, as the JVM takes the last of two.
        List<String> child = Relaunch.childOptions(Path.of("/x/newpath-kg.jsa"));
        assertEquals(ServerJvm.options(), child.subList(child.size() - ServerJvm.options().size(), child.size()));
    }

    @Test
    void anArchiveFitsOnlyTheJarAndJvmItsRecordNames(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("newpath-kg.jar"), "jar");
        Path archive = Relaunch.archiveOf(jar);
        assertEquals(dir.resolve("newpath-kg.jsa"), archive);
        assertEquals(dir.resolve("newpath-kg.jsa.properties"), Relaunch.recordOf(archive));
        assertFalse(Relaunch.fits(jar, archive), "no archive");
        Files.writeString(archive, "archive");
        assertFalse(Relaunch.fits(jar, archive), "no record");
        try (Writer w = Files.newBufferedWriter(Relaunch.recordOf(archive), StandardCharsets.ISO_8859_1)) {
            Relaunch.record(jar, archive).store(w, null);
        }
        assertTrue(Relaunch.fits(jar, archive));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertFalse(Relaunch.fits(jar, archive), "the jar changed after the archive was made");
    }
}
