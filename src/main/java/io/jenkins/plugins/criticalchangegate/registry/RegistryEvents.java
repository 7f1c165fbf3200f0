package io.jenkins.plugins.criticalchangegate.registry;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Where a registry's YAML events come from: {@link FastEventParser} when the whole text is in the subset of YAML it
 * reads (what real registries are written in), SnakeYAML's own scanner and parser otherwise. The choice is made for
 * the whole file before any event is read, so a file is never read half by one and half by the other, and whatever
 * SnakeYAML would refuse is read by SnakeYAML, which reports it.
 */
final class RegistryEvents {
    private RegistryEvents() {
    }

    static Parser parser(String text, LoaderOptions options) {
        FastEventParser fast = FastEventParser.accept(text, options);
        return fast != null ? fast : new ParserImpl(new StreamReader(text), options);
    }
}
