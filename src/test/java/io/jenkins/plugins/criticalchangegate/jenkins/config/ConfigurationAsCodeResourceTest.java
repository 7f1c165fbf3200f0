package io.jenkins.plugins.criticalchangegate.jenkins.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.source.UrlSource;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.junit.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The JCasC files of the round-trip tests (which only the full build runs) use the keys the configuration declares,
 * and the inline one holds a valid registry, so a mistake in them shows here.
 */
public class ConfigurationAsCodeResourceTest {
    @SuppressWarnings("unchecked")
    private Map<String, Object> gate(String resource) throws Exception {
        Map<String, Object> root;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        return (Map<String, Object>) ((Map<String, Object>) root.get("unclassified")).get("criticalChangeGate");
    }

    @Test
    @SuppressWarnings("unchecked")
    public void theInlineRoundTripYamlHoldsAValidRegistry() throws Exception {
        Map<String, Object> gate = gate("configuration-as-code.yaml");
        assertThat(gate.keySet().toString(), is("[registry, documentationConnectTimeoutSeconds,"
                + " documentationReadTimeoutSeconds, maxApprovalTimeoutDays]"));
        Map<String, Object> inline = (Map<String, Object>) ((Map<String, Object>) gate.get("registry")).get("inline");
        assertThat(inline.keySet().toString(), is("[yaml]"));
        Registry registry = RegistryParser.parse((String) inline.get("yaml"), "jcasc");
        assertThat(registry.resolve("checkout-service", "any").kind(), is(Resolution.Kind.CRITICAL));
        assertThat(registry.resolve("unknown-thing", "any").kind(), is(Resolution.Kind.DENIED));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void theUrlRoundTripYamlUsesTheUrlSourceSymbols() throws Exception {
        Map<String, Object> gate = gate("configuration-as-code-url.yaml");
        assertThat(gate.keySet().toString(), is("[registry, maxApprovalTimeoutDays]"));
        Map<String, Object> url = (Map<String, Object>) ((Map<String, Object>) gate.get("registry")).get("fromUrl");
        assertThat(url.keySet().toString(), is("[url, credentialsId, refreshMinutes]"));
        assertThat(UrlSource.parse((String) url.get("url")).getHost(), is("registry.example.invalid"));
    }

    /** RaisedMaximumJenkinsTest's file: a registry that only the maximum the same file sets lets load. */
    @Test
    @SuppressWarnings("unchecked")
    public void theRaisedMaximumYamlHoldsARegistryThatNeedsItsMaximum() throws Exception {
        Map<String, Object> gate = gate("raised-maximum.yaml");
        assertThat(gate.keySet().toString(), is("[registry, maxApprovalTimeoutDays]"));
        assertThat(gate.get("maxApprovalTimeoutDays"), is(90));
        String yaml = (String) ((Map<String, Object>) ((Map<String, Object>) gate.get("registry")).get("inline"))
                .get("yaml");
        byte[] utf8 = yaml.getBytes(StandardCharsets.UTF_8);
        Registry registry = RegistryParser.parse(utf8, "jcasc", Duration.ofDays(90));
        assertThat(registry.resolve("payments-ledger", "any").kind(), is(Resolution.Kind.CRITICAL));
        assertThat(registry.resolve("internal-wiki", "any").kind(), is(Resolution.Kind.NOT_CRITICAL));
        RegistryException refused = assertThrows(RegistryException.class,
                () -> RegistryParser.parse(utf8, "jcasc", Duration.ofDays(30)));
        assertThat(refused.getMessage(), containsString("approvalTimeout '60d'"));
    }

    /** The names the files use are the ones JCasC derives from the classes: symbols, setters and getters. */
    @Test
    @SuppressWarnings("unchecked")
    public void theYamlNamesAreTheConfigurationsOwn() throws Exception {
        assertThat(symbol(CriticalChangeGateConfiguration.class), is("criticalChangeGate"));
        assertThat(symbol(InlineRegistry.DescriptorImpl.class), is("inline"));
        assertThat(symbol(RegistryFile.DescriptorImpl.class), is("fromFile"));
        assertThat(symbol(RegistryUrl.DescriptorImpl.class), is("fromUrl"));
        for (String resource : new String[] {"configuration-as-code.yaml", "configuration-as-code-url.yaml",
            "raised-maximum.yaml"}) {
            Map<String, Object> gate = gate(resource);
            for (String key : gate.keySet()) {
                assertThat(resource + ": " + key, hasGetter(CriticalChangeGateConfiguration.class, key), is(true));
            }
            Map<String, Object> registry = (Map<String, Object>) gate.get("registry");
            for (Map.Entry<String, Object> source : registry.entrySet()) {
                Class<?> type = source.getKey().equals("inline") ? InlineRegistry.class : RegistryUrl.class;
                for (String key : ((Map<String, Object>) source.getValue()).keySet()) {
                    assertThat(resource + ": " + key, hasGetter(type, key), is(true));
                }
            }
        }
    }

    private static String symbol(Class<?> type) {
        Symbol symbol = type.getAnnotation(Symbol.class);
        return symbol == null ? "(none)" : String.join(",", symbol.value());
    }

    private static boolean hasGetter(Class<?> type, String property) {
        String getter = "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (Method m : type.getMethods()) {
            if (m.getName().equals(getter) && m.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }
}
