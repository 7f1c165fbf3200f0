package io.jenkins.plugins.criticalchangegate.registry;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The implicit tags the format tells apart: an empty value ({@code ~}, {@code null}, nothing), a merge key
 * ({@code <<}, refused) and text. The readers parse numbers, booleans and durations from the text themselves, by the
 * format's rules, so SnakeYAML's YAML 1.1 resolver (a regular expression per plain scalar for int, float, bool,
 * timestamp...) is not needed: it was a tenth of the time of reading a 100,000-system registry (docs/performance.md).
 */
final class PlainScalars extends Resolver {
    /**
     * The tag of a node whose explicit tag was refused (reported where the YAML is composed): the readers skip it
     * without a second message, so {@code tier: !!binary MQ==} is one problem, not also "not a whole number".
     */
    static final Tag REFUSED = new Tag("tag:critical-change-gate.jenkins.io,2026:refused");

    @Override
    protected void addImplicitResolvers() {
        // none: resolve() below decides
    }

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
        if (kind == NodeId.sequence) {
            return Tag.SEQ;
        }
        if (kind == NodeId.mapping) {
            return Tag.MAP;
        }
        return implicit ? plainTag(value) : Tag.STR;
    }

    /** The tag of a plain scalar without an explicit tag (a quoted one is always {@link Tag#STR}). */
    static Tag plainTag(String value) {
        if (isNull(value)) {
            return Tag.NULL;
        }
        if (value.equals("<<")) {
            return Tag.MERGE;
        }
        return Tag.STR;
    }

    /** YAML 1.1's null: nothing, {@code ~}, {@code null}, {@code Null}, {@code NULL}. */
    static boolean isNull(String value) {
        // by length first: a string switch hashes every value, and this is asked of every plain scalar
        switch (value.length()) {
            case 0:
                return true;
            case 1:
                return value.charAt(0) == '~';
            case 4:
                return value.equals("null") || value.equals("Null") || value.equals("NULL");
            default:
                return false;
        }
    }
}
