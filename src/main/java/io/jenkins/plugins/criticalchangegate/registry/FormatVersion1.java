package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Duration;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The rules of registry format version 1 (docs/registry.md), applied to a composed YAML node tree: collects every
 * problem with its line and column, and builds the {@link Registry} only when there is none. Schema-driven: it
 * descends only where the format has structure, so a recursive alias cannot make it loop.
 *
 * <p>Each top-level key is read by the {@link SectionReader} listed with it in {@link #SECTIONS}; the readers below
 * them ({@link SystemReader}, {@link PolicyReader}, {@link DocumentationReader}, ...) share the document's
 * {@link Reading}, and so one list of problems.
 */
final class FormatVersion1 {
    static final int VERSION = 1;

    /** The key of the list of systems, which a {@link StreamedReading} reads entry by entry. */
    static final String SYSTEMS = "systems";

    /** The longest approvalTimeout the format allows; a Jenkins administrator may set a shorter maximum. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(365);

    /**
     * The top level of the format, in the order its keys are read and listed in messages. A section that uses what
     * another read (as systems use defaults) comes after it.
     */
    private static final List<TopLevelSection> SECTIONS = List.of(
            TopLevelSection.required("version", "write 'version: " + VERSION + "' as the first line",
                    new VersionSection()),
            TopLevelSection.required("unknownSystems", "write 'unknownSystems: allow' (systems not listed pass at"
                    + " once) or 'unknownSystems: deny' (they are refused)", new UnknownSystemsSection()),
            TopLevelSection.optional("defaults", new DefaultsSection()),
            TopLevelSection.required(SYSTEMS, "list the critical systems (see docs/registry.md)",
                    new SystemsSection()),
            TopLevelSection.optional("overlays", new OverlaysSection()),
            TopLevelSection.optional("freezes", new FreezesSection()),
            TopLevelSection.optional("windows", new WindowsSection()));
    private static final List<String> TOP_KEYS = SECTIONS.stream().map(section -> section.key)
            .collect(Collectors.toUnmodifiableList());

    /**
     * Where the keys of the format belong, for the hint given with a key written at the wrong level; a section whose
     * entries have keys of their own adds their place here.
     */
    private static final List<KnownKeys.Home> HOMES = List.of(
            new KnownKeys.Home(SystemReader.OWN_KEYS, "belongs to each entry of systems"),
            new KnownKeys.Home(DocumentationReader.KEYS, "belongs under documentation"),
            new KnownKeys.Home(ApprovalRulesReader.KEYS, "belongs to each entry of approvalRules"),
            new KnownKeys.Home(AiAssistedReader.KEYS, "belongs under aiAssisted"),
            new KnownKeys.Home(NotifyReader.KEYS, "belongs under notify"),
            new KnownKeys.Home(List.of("tighten"), "belongs to each entry of overlays"),
            new KnownKeys.Home(List.of("start", "end"), "belongs to each entry of overlays or freezes"),
            new KnownKeys.Home(List.of("mode"), "belongs to each entry of freezes"),
            new KnownKeys.Home(List.of("days", "from", "to"), "belongs to each entry of windows"),
            new KnownKeys.Home(List.of("zone"), "belongs to each entry of overlays, freezes or windows"),
            new KnownKeys.Home(TimeRuleReader.SELECTION_KEYS, "belongs under 'systems:' of an overlay, freeze or"
                    + " window"),
            new KnownKeys.Home(TOP_KEYS, "belongs at the top of the file"));

    private final String source;
    private final Duration maxTimeout;

    FormatVersion1(String source) {
        this(source, MAX_TIMEOUT);
    }

    /**
     * @param maxTimeout the longest approvalTimeout accepted: the format's own 365d, or less when the administrator
     *     of this Jenkins set a shorter maximum (issue 7)
     */
    FormatVersion1(String source, Duration maxTimeout) {
        this.source = source;
        this.maxTimeout = maxTimeout;
    }

    /** A reading that takes the systems entry by entry, as they are composed (see {@link StreamedReading}). */
    StreamedReading streamed() {
        return new StreamedReading(this, new Reading(source, HOMES, maxTimeout));
    }

    /** The top-level keys read before systems, which systems depend on (defaults), in the order they are read. */
    static List<String> keysBeforeSystems() {
        return TOP_KEYS.subList(0, TOP_KEYS.indexOf(SYSTEMS));
    }

    /**
     * For a {@link StreamedReading}: reads the sections before systems, as {@link #read} does, from their values.
     *
     * @param values by key; a key without a value is absent from the document
     */
    void readBeforeSystems(Map<String, Node> values, Reading reading, RegistryDraft draft) throws RegistryException {
        for (TopLevelSection section : SECTIONS) {
            if (section.key.equals(SYSTEMS)) {
                return;
            }
            Node value = values.get(section.key);
            if (value != null) {
                section.reader.read(value, reading, draft);
            }
        }
    }

    /**
     * For a {@link StreamedReading} whose systems are read: reads the top-level keys and the sections after systems as
     * {@link #read} does, and checks that the sections read before came from the values {@link #read} would have
     * taken.
     *
     * @param before the values the sections before systems were read from, by key
     * @param systems the systems list as the document's mapping holds it
     * @return the registry; {@code null} when the document has a problem or does not match what was read before
     *     (then {@link #read} of the whole tree reports it)
     */
    @CheckForNull
    Registry finishStreamed(Node root, Map<String, Node> before, SequenceNode systems, Reading reading,
            RegistryDraft draft) throws RegistryException {
        MappingNode top = reading.values.mapping(root, "the registry");
        if (top == null) {
            return null;
        }
        Keyed keys = reading.keys.read(top, TOP_KEYS, "the registry");
        boolean afterSystems = false;
        for (TopLevelSection section : SECTIONS) {
            Node value = keys.get(section.key);
            if (section.key.equals(SYSTEMS)) {
                if (value != systems) {
                    return null;
                }
                afterSystems = true;
            } else if (!afterSystems) {
                if (value != before.get(section.key)) {
                    return null; // written after systems, or twice
                }
            } else if (value != null) {
                section.reader.read(value, reading, draft);
            }
            if (value == null && section.whenMissing != null) {
                return null;
            }
        }
        return reading.problems.isEmpty() ? draft.build() : null;
    }

    Registry read(Node root) throws RegistryException {
        return read(root, List.of());
    }

    /** @param found problems found while composing the document, reported with the format's own, in file order */
    Registry read(Node root, List<RegistryProblem> found) throws RegistryException {
        Reading reading = new Reading(source, HOMES, maxTimeout);
        found.forEach(reading.problems::add);
        MappingNode top = reading.values.mapping(root, "the registry");
        if (top == null) {
            throw reading.problems.failure();
        }
        Keyed keys = reading.keys.read(top, TOP_KEYS, "the registry");
        RegistryDraft draft = new RegistryDraft();
        for (TopLevelSection section : SECTIONS) {
            Node value = keys.get(section.key);
            if (value != null) {
                section.reader.read(value, reading, draft);
            } else if (section.whenMissing != null) {
                reading.problems.add(top, "missing required key '" + section.key + "': " + section.whenMissing);
            }
        }
        if (!reading.problems.isEmpty()) {
            throw reading.problems.failure();
        }
        return draft.build();
    }
}
