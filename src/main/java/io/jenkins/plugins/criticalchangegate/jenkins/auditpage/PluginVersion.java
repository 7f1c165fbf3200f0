package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

/**
 * The plugin's version as the report names its writer: the {@code Implementation-Version} of the plugin's jar manifest,
 * or {@code development} outside one (as the tool's {@code ToolVersion}, which this layer may not use).
 */
final class PluginVersion {
    private PluginVersion() {
    }

    static String get() {
        Package p = PluginVersion.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return "(Jenkins plugin " + (version == null || version.isBlank() ? "development" : version.strip()) + ")";
    }
}
