package io.jenkins.plugins.criticalchangegate.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code unclassified: criticalChangeGate:} node of a JCasC export (what Manage Jenkins → Configuration as
 * Code → View Configuration shows), loaded back as YAML, for the round-trip tests to compare with the file they
 * applied.
 * configuration-as-code's {@code RoundTripAbstractTest} never exports: it applies the file, applies it again through
 * the web UI, and puts the same file, not an export, in {@code $JENKINS_HOME/jenkins.yaml} before the restart; a
 * configuration that applies but exports wrongly would pass it. Values compare as YAML loads them (a multi-line string
 * however it is quoted), so the test does not depend on the exporter's layout.
 */
final class ConfigurationExport {
    private ConfigurationExport() {
    }

    /** The node as this Jenkins exports it now (the harness's {@code getUnclassifiedRoot} and {@code toYamlString}). */
    static Map<String, Object> exported() throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("criticalChangeGate");
        assertThat("the export has an unclassified: criticalChangeGate: node", node, notNullValue());
        return load(Util.toYamlString(node));
    }

    /** The node of a JCasC file, plus {@code alsoExported}: settings at their defaults, which the export lists too. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> configured(String jcascFile, Map<String, Object> alsoExported) {
        Map<String, Object> root = load(jcascFile);
        Map<String, Object> gate = new LinkedHashMap<>(
                (Map<String, Object>) ((Map<String, Object>) root.get("unclassified")).get("criticalChangeGate"));
        gate.putAll(alsoExported);
        return gate;
    }

    private static Map<String, Object> load(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }
}
