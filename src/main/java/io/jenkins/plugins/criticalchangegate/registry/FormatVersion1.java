package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

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
            TopLevelSection.required("systems", "list the critical systems (see docs/registry.md)",
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
