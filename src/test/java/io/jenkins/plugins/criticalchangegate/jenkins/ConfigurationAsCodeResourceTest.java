package io.jenkins.plugins.criticalchangegate.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import java.io.InputStream;
import java.util.Map;
import org.junit.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The JCasC file of the round-trip test holds a valid registry under the keys the configuration declares. */
public class ConfigurationAsCodeResourceTest {
    @Test
    @SuppressWarnings("unchecked")
    public void theRoundTripYamlHoldsAValidRegistry() throws Exception {
        Map<String, Object> root;
        try (InputStream in = getClass().getResourceAsStream("configuration-as-code.yaml")) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Map<String, Object> gate = (Map<String, Object>) ((Map<String, Object>) root.get("unclassified"))
                .get("criticalChangeGate");
        assertThat(gate.keySet().toString(), is("[registryYaml, documentationConnectTimeoutSeconds,"
                + " documentationReadTimeoutSeconds]"));
        Registry registry = RegistryParser.parse((String) gate.get("registryYaml"), "jcasc");
        assertThat(registry.resolve("checkout-service", "any").kind(), is(Resolution.Kind.CRITICAL));
        assertThat(registry.resolve("unknown-thing", "any").kind(), is(Resolution.Kind.DENIED));
    }
}
