package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

/**
 * The report's writer when Jenkins renders it ("by the critical-change-gate Jenkins plugin 1.2", not the tool's
 * name): with the {@code Implementation-Version} of the plugin's jar manifest, or {@code development} outside one (as
 * the tool's {@code ToolVersion}, which this layer may not use).
 */
final class PluginVersion {
    private PluginVersion() {
    }

    static String get() {
        Package p = PluginVersion.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return "the critical-change-gate Jenkins plugin "
                + (version == null || version.isBlank() ? "development" : version.strip());
    }
}
