package org.newpathkg.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.apache.jena.Jena;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: this build, the Jena it runs on, and the JVM. From the packaged jar both
 * versions come from its manifest, which the build writes: inside the shaded jar Jena's own
 * {@link Jena#VERSION} reads the jar's manifest too and would report this build's version.
 */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Attributes jar = jarManifest();
        String own = jar != null ? jar.getValue("Implementation-Version") : null;
        String jena = jar != null && jar.getValue("Jena-Version") != null ? jar.getValue("Jena-Version") : Jena.VERSION;
        return new String[] {
            "newpath-kg " + (own == null ? "(not from the packaged jar)" : own),
            "Apache Jena " + jena,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    /** The main attributes of the jar this class was loaded from, or null when it was not loaded from a jar. */
    private static Attributes jarManifest() {
        try {
            Path from = Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(from))
                return null;   // target/classes: tests and IDEs
            try (JarFile jar = new JarFile(from.toFile())) {
                return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
