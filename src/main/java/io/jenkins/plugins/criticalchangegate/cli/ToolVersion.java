package io.jenkins.plugins.criticalchangegate.cli;

/**
 * The tool's version, as auditors cite it next to a verification (issue 17): the {@code Implementation-Version} of the
 * jar's manifest (the Central build's shaded jar writes the project version there), or {@code development} when the
 * classes do not come from such a jar (an IDE, the test class path). One place, for {@code audit verify} and any
 * {@code --version}.
 */
public final class ToolVersion {
    /** What is printed when no manifest names the version. */
    public static final String DEVELOPMENT = "development";

    private ToolVersion() {
    }

    /** The version, never empty. */
    public static String get() {
        Package p = ToolVersion.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null || version.isBlank() ? DEVELOPMENT : version.strip();
    }
}
