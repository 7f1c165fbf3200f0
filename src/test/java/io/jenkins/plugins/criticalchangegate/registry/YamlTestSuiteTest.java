package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The public YAML test suite (../shared/test-data/yaml-test-suite.json, 406 odd or malformed documents) fed to the
 * registry parser: each gives a registry or a RegistryException, never another exception or a hang; the documents
 * the suite marks invalid never give a registry.
 */
public class YamlTestSuiteTest {
    @Rule
    public Timeout timeout = Timeout.seconds(60);

    @Test
    public void everyDocumentGivesARegistryOrARegistryException() throws Exception {
        Path corpus = RegistryFixtures.repositoryRoot().resolveSibling("shared/test-data/yaml-test-suite.json");
        Assume.assumeTrue("the YAML test suite corpus is not next to this checkout: " + corpus,
                Files.isRegularFile(corpus));
        JsonNode cases = new ObjectMapper().readTree(corpus.toFile()).get("cases");
        int refused = 0;
        int invalidYaml = 0;
        for (JsonNode c : cases) {
            String id = c.get("id").asText();
            String yaml = c.get("yaml").asText();
            boolean fail = c.get("fail").asBoolean();
            for (boolean asBytes : new boolean[] {false, true}) {
                try {
                    if (asBytes) {
                        RegistryParser.parse(yaml.getBytes(StandardCharsets.UTF_8), id);
                    } else {
                        RegistryParser.parse(yaml, id);
                    }
                    assertThat(id + " is invalid YAML but gave a registry", fail, is(false));
                } catch (RegistryException e) {
                    assertThat(e.problems().get(0).source(), is(id));
                    assertThat(e.problems().get(0).line(), greaterThanOrEqualTo(1));
                    refused++;
                } catch (RuntimeException | Error e) {
                    AssertionError failure = new AssertionError("case " + id + (asBytes ? " (bytes)" : "") + ": " + e
                            + "\n--- yaml ---\n" + yaml);
                    failure.initCause(e);
                    throw failure;
                }
            }
            if (fail) {
                invalidYaml++;
            }
        }
        assertThat(cases.size(), is(406));
        assertThat(invalidYaml, is(94));
        // none of the suite's documents is a registry: every one is refused
        assertThat(refused, greaterThan(2 * 400));
    }
}
