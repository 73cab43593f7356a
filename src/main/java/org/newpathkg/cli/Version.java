package org.newpathkg.cli;

import org.apache.jena.Jena;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: this build (from the jar's manifest), the Jena it runs on, and the JVM. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {
            "newpath-kg " + (v == null ? "(not from the packaged jar)" : v),
            "Apache Jena " + Jena.VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
