package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import io.jenkins.plugins.criticalchangegate.documentation.RequiredSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The rules of registry format version 1 (docs/registry.md), applied to a composed YAML node tree: collects every
 * problem with its line and column, and builds the {@link Registry} only when there is none. Schema-driven: it
 * descends only where the format has structure, so a recursive alias cannot make it loop.
 */
final class FormatVersion1 {
    static final int VERSION = 1;

    private static final List<String> TOP_KEYS = List.of("version", "unknownSystems", "defaults", "systems");
    private static final List<String> POLICY_KEYS = List.of("requiredApprovals", "requireDistinctGroups",
            "excludeCommitAuthors", "approvalTimeout", "documentation");
    private static final List<String> SYSTEM_KEYS = concat(List.of("id", "name", "tier", "owners", "approvers",
            "jobs"), POLICY_KEYS);
    private static final List<String> DOCUMENTATION_KEYS = List.of("allowedHosts", "requireChangeId", "allowHttp",
            "requiredSections");
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,7})(m|h|d)");
    /** The longest approvalTimeout the format allows; a Jenkins administrator may set a shorter maximum. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(365);
    private static final int MAX_SECTION_LENGTH = 1000;

    private static final int BUILTIN_REQUIRED_APPROVALS = 2;
    private static final Duration BUILTIN_TIMEOUT = Duration.ofHours(24);

    private final String source;
    private final Duration maxTimeout;
    private final List<RegistryProblem> problems = new ArrayList<>();

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

    /** The policy keys as read from {@code defaults:} or one system; {@code null} fields were not given. */
    private static final class PolicyKeys {
        @CheckForNull Integer requiredApprovals;
        @CheckForNull Node requiredApprovalsNode;
        @CheckForNull Boolean requireDistinctGroups;
        @CheckForNull Boolean excludeCommitAuthors;
        @CheckForNull Duration approvalTimeout;
        @CheckForNull List<String> allowedHosts;
        /** An entry of allowedHosts was refused: already reported, so an empty list is not reported again. */
        boolean allowedHostsRefused;
        @CheckForNull Boolean requireChangeId;
        @CheckForNull Boolean allowHttp;
        @CheckForNull List<String> requiredSections;
    }

    private static final class Keyed {
        final Map<String, Node> values = new LinkedHashMap<>();
        final Map<String, Node> keys = new HashMap<>();

        @CheckForNull
        Node get(String key) {
            return values.get(key);
        }
    }

    Registry read(Node root) throws RegistryException {
        MappingNode top = mapping(root, "the registry");
        if (top == null) {
            throw failure();
        }
        Keyed keys = keys(top, TOP_KEYS, "the registry");
        Node versionNode = keys.get("version");
        if (versionNode == null) {
            problem(top, "missing required key 'version': write 'version: " + VERSION + "' as the first line");
        } else {
            Integer version = integer(versionNode, "version");
            if (version != null && version != VERSION) {
                problem(versionNode, "unsupported version " + version + ": this plugin reads registry format version "
                        + VERSION);
                throw failure(); // the rest of a file of another version means something else
            }
        }
        UnknownSystems unknown = UnknownSystems.DENY;
        Node unknownNode = keys.get("unknownSystems");
        if (unknownNode == null) {
            problem(top, "missing required key 'unknownSystems': write 'unknownSystems: allow' (systems not listed"
                    + " pass at once) or 'unknownSystems: deny' (they are refused)");
        } else {
            String text = string(unknownNode, "unknownSystems");
            if (text != null) {
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "allow":
                        unknown = UnknownSystems.ALLOW;
                        break;
                    case "deny":
                        unknown = UnknownSystems.DENY;
                        break;
                    default:
                        problem(unknownNode, "unknownSystems must be 'allow' or 'deny', not '" + text + "'");
                }
            }
        }
        PolicyKeys defaults = new PolicyKeys();
        Node defaultsNode = keys.get("defaults");
        if (defaultsNode != null) {
            MappingNode defaultsMap = mapping(defaultsNode, "defaults");
            if (defaultsMap != null) {
                defaults = policy(keys(defaultsMap, POLICY_KEYS, "defaults"), "defaults");
            }
        }
        List<CriticalSystem> systems = new ArrayList<>();
        Node systemsNode = keys.get("systems");
        if (systemsNode == null) {
            problem(top, "missing required key 'systems': list the critical systems (see docs/registry.md)");
        } else {
            SequenceNode list = sequence(systemsNode, "systems");
            if (list != null && list.getValue().isEmpty()) {
                problem(list, "'systems' is empty: list at least one critical system");
            } else if (list != null) {
                Map<SystemId, Node> ids = new HashMap<>();
                Map<JobPattern, String> boundJobs = new HashMap<>();
                for (Node entry : list.getValue()) {
                    CriticalSystem system = system(entry, defaults, ids, boundJobs);
                    if (system != null) {
                        systems.add(system);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw failure();
        }
        return new Registry(unknown, systems);
    }

    @CheckForNull
    private CriticalSystem system(Node entry, PolicyKeys defaults, Map<SystemId, Node> ids,
            Map<JobPattern, String> boundJobs) {
        int before = problems.size();
        MappingNode map = mapping(entry, "each entry of 'systems'");
        if (map == null) {
            return null;
        }
        Keyed keys = keys(map, SYSTEM_KEYS, "a system");
        SystemId id = null;
        Node idNode = required(keys, map, "id", "the system's unique id, e.g. checkout-service");
        if (idNode != null) {
            String text = string(idNode, "id");
            if (text != null) {
                if (!ID.matcher(text).matches()) {
                    problem(idNode, "id '" + text + "' is not valid: use 1 to 100 letters, digits, '.', '_' or '-',"
                            + " starting with a letter or digit");
                } else {
                    id = SystemId.of("id", text);
                    Node first = ids.putIfAbsent(id, idNode);
                    if (first != null) {
                        problem(idNode, "duplicate id '" + text + "': already used at line " + line(first)
                                + " (ids compare ignoring case)");
                    }
                }
            }
        }
        String where = id == null ? "system at line " + line(map) : "system '" + id + "'";
        String name = null;
        Node nameNode = required(keys, map, "name", "a human name, e.g. Checkout");
        if (nameNode != null) {
            name = string(nameNode, "name");
        }
        Integer tier = null;
        Node tierNode = required(keys, map, "tier", "the criticality tier, 1 being the most critical");
        if (tierNode != null) {
            tier = integer(tierNode, "tier");
            if (tier != null && tier < 1) {
                problem(tierNode, "tier must be 1 or more, not " + tier);
                tier = null;
            }
        }
        List<String> owners = List.of();
        Node ownersNode = required(keys, map, "owners", "the owning teams, e.g. [team-checkout]");
        if (ownersNode != null) {
            owners = strings(ownersNode, "owners", false);
        }
        List<ApproverRef> approvers = new ArrayList<>();
        Node approversNode = required(keys, map, "approvers", "groups or user:<id> entries who may approve");
        if (approversNode != null) {
            SequenceNode seq = sequence(approversNode, "approvers");
            if (seq != null && seq.getValue().isEmpty()) {
                problem(seq, "'approvers' is empty: list at least one group or user:<id>");
            } else if (seq != null) {
                Map<String, Node> seen = new HashMap<>();
                for (Node item : seq.getValue()) {
                    String text = string(item, "approvers");
                    if (text == null) {
                        continue;
                    }
                    try {
                        ApproverRef ref = ApproverRef.parse(text);
                        Node first = seen.putIfAbsent(ref.toString().toLowerCase(Locale.ROOT), item);
                        if (first != null) {
                            problem(item, "approver '" + text + "' is listed twice (first at line " + line(first)
                                    + ")");
                        } else {
                            approvers.add(ref);
                        }
                    } catch (IllegalArgumentException e) {
                        problem(item, e.getMessage());
                    }
                }
            }
        }
        List<String> jobs = new ArrayList<>();
        Node jobsNode = keys.get("jobs");
        if (jobsNode != null) {
            SequenceNode seq = sequence(jobsNode, "jobs");
            if (seq != null) {
                for (Node item : seq.getValue()) {
                    String text = string(item, "jobs");
                    if (text == null) {
                        continue;
                    }
                    try {
                        JobPattern pattern = JobPattern.compile(text);
                        String owner = boundJobs.putIfAbsent(pattern, where + " (line " + line(item) + ")");
                        if (owner != null) {
                            problem(item, "job pattern '" + text + "' is already bound to " + owner
                                    + ": a job can be bound to one system only");
                        } else {
                            jobs.add(pattern.text());
                        }
                    } catch (IllegalArgumentException e) {
                        problem(item, e.getMessage());
                    }
                }
            }
        }
        PolicyKeys own = policy(keys, where);
        int required = own.requiredApprovals != null ? own.requiredApprovals
                : defaults.requiredApprovals != null ? defaults.requiredApprovals : BUILTIN_REQUIRED_APPROVALS;
        Node requiredAt = own.requiredApprovalsNode != null ? own.requiredApprovalsNode
                : approversNode != null ? approversNode : map;
        String inherited = own.requiredApprovals != null ? "" : defaults.requiredApprovals != null
                ? " (from defaults)" : " (the built-in default)";
        boolean distinct = first(own.requireDistinctGroups, defaults.requireDistinctGroups, false);
        if (!approvers.isEmpty() && required >= 1) {
            boolean allUsers = approvers.stream().allMatch(ApproverRef::isUser);
            if (allUsers && required > approvers.size()) {
                problem(requiredAt, where + ": requiredApprovals " + required + inherited + " can never be met: only "
                        + approvers.size() + " single user(s) are listed as approvers");
            } else if (distinct && required > approvers.size()) {
                problem(requiredAt, where + ": requiredApprovals " + required + inherited + " can never be met with"
                        + " requireDistinctGroups: only " + approvers.size() + " approver entries are listed");
            }
        }
        List<String> hosts = first(own.allowedHosts, defaults.allowedHosts, List.of());
        boolean hostsRefused = own.allowedHosts != null ? own.allowedHostsRefused : defaults.allowedHostsRefused;
        if (hosts.isEmpty() && !hostsRefused) {
            problem(map, where + " allows its documentation on no host, so no change"
                    + " to it could ever pass: list documentation.allowedHosts here or in defaults");
        }
        if (problems.size() > before || id == null || name == null || tier == null) {
            return null;
        }
        DocumentationPolicy documentation = new DocumentationPolicy(hosts,
                first(own.requireChangeId, defaults.requireChangeId, true),
                first(own.allowHttp, defaults.allowHttp, false),
                first(own.requiredSections, defaults.requiredSections, List.of()));
        return CriticalSystem.builder(id.value()).name(name).tier(tier).owners(owners).approvers(approvers)
                .requiredApprovals(required).requireDistinctGroups(distinct)
                .excludeCommitAuthors(first(own.excludeCommitAuthors, defaults.excludeCommitAuthors, true))
                .approvalTimeout(first(own.approvalTimeout, defaults.approvalTimeout, BUILTIN_TIMEOUT))
                .documentation(documentation).jobs(jobs).build();
    }

    /** Reads the policy keys of {@code defaults:} or of one system (which has other keys too). */
    private PolicyKeys policy(Keyed keys, String where) {
        PolicyKeys policy = new PolicyKeys();
        Node n = keys.get("requiredApprovals");
        if (n != null) {
            Integer value = integer(n, "requiredApprovals");
            if (value != null && value < 1) {
                problem(n, "requiredApprovals must be at least 1, not " + value + ": the gate exists to require"
                        + " approvals");
            } else if (value != null) {
                policy.requiredApprovals = value;
                policy.requiredApprovalsNode = n;
            }
        }
        n = keys.get("requireDistinctGroups");
        if (n != null) {
            policy.requireDistinctGroups = bool(n, "requireDistinctGroups");
        }
        n = keys.get("excludeCommitAuthors");
        if (n != null) {
            policy.excludeCommitAuthors = bool(n, "excludeCommitAuthors");
        }
        n = keys.get("approvalTimeout");
        if (n != null) {
            policy.approvalTimeout = duration(n);
        }
        n = keys.get("documentation");
        if (n != null) {
            MappingNode map = mapping(n, "documentation");
            if (map != null) {
                Keyed doc = keys(map, DOCUMENTATION_KEYS, "documentation");
                Node hosts = doc.get("allowedHosts");
                if (hosts != null) {
                    int before = problems.size();
                    policy.allowedHosts = allowedHosts(hosts);
                    policy.allowedHostsRefused = problems.size() > before;
                }
                Node changeId = doc.get("requireChangeId");
                if (changeId != null) {
                    policy.requireChangeId = bool(changeId, "requireChangeId");
                }
                Node http = doc.get("allowHttp");
                if (http != null) {
                    policy.allowHttp = bool(http, "allowHttp");
                }
                Node sections = doc.get("requiredSections");
                if (sections != null) {
                    policy.requiredSections = requiredSections(sections);
                }
            }
        }
        return policy;
    }

    private List<String> allowedHosts(Node node) {
        SequenceNode seq = sequence(node, "allowedHosts");
        List<String> hosts = new ArrayList<>();
        if (seq == null) {
            return hosts;
        }
        for (Node item : seq.getValue()) {
            String text = string(item, "allowedHosts");
            if (text == null) {
                continue;
            }
            String problem = AllowedHostSyntax.problem(text);
            if (problem != null) {
                problem(item, problem);
            } else {
                hosts.add(text);
            }
        }
        return hosts;
    }

    /** A {@code /regex/} entry must compile; any other entry is literal text. */
    private List<String> requiredSections(Node node) {
        SequenceNode seq = sequence(node, "requiredSections");
        List<String> sections = new ArrayList<>();
        if (seq == null) {
            return sections;
        }
        for (Node item : seq.getValue()) {
            String text = string(item, "requiredSections");
            if (text == null) {
                continue;
            }
            if (text.length() > MAX_SECTION_LENGTH) {
                problem(item, "a required section is at most " + MAX_SECTION_LENGTH + " characters long");
                continue;
            }
            try {
                // the rules the documentation check applies, so that what the registry accepts the check can use
                RequiredSection.parse(text);
            } catch (PatternSyntaxException e) {
                problem(item, "required section " + text + " is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
                continue;
            } catch (IllegalArgumentException e) {
                problem(item, e.getMessage());
                continue;
            }
            sections.add(text);
        }
        return sections;
    }

    @CheckForNull
    private Duration duration(Node node) {
        String text = string(node, "approvalTimeout");
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            problem(node, "approvalTimeout '" + text + "' is not a duration: write a whole number followed by m"
                    + " (minutes), h (hours) or d (days), e.g. 90m, 24h, 7d");
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("m") ? Duration.ofMinutes(amount)
                : m.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofDays(amount);
        if (d.isZero()) {
            problem(node, "approvalTimeout must be longer than 0");
            return null;
        }
        if (d.compareTo(MAX_TIMEOUT) > 0) {
            problem(node, "approvalTimeout '" + text + "' is longer than 365d");
            return null;
        }
        if (d.compareTo(maxTimeout) > 0) {
            problem(node, "approvalTimeout '" + text + "' is longer than " + durationText(maxTimeout)
                    + ", the longest this Jenkins allows (Manage Jenkins > System > Critical change gate)");
            return null;
        }
        return d;
    }

    /** A duration as the format writes it (7d, 36h, 90m), so the message reads like the file. */
    static String durationText(Duration d) {
        if (d.toMinutes() * 60 != d.getSeconds() || d.getNano() != 0) {
            return d.toString(); // not a whole number of minutes: only reachable through the Java API
        }
        long minutes = d.toMinutes();
        return minutes % (24 * 60) == 0 ? minutes / (24 * 60) + "d"
                : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    // --- structure -------------------------------------------------------------------------------------------

    private Keyed keys(MappingNode map, List<String> allowed, String where) {
        Keyed keyed = new Keyed();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode) || keyNode.getTag().equals(Tag.NULL)) {
                problem(keyNode, "keys of " + where + " must be plain words such as '" + allowed.get(0) + "'");
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            if (keyNode.getTag().equals(Tag.MERGE) || key.equals("<<")) {
                problem(keyNode, "merge keys ('<<') are not supported: write the keys out");
                continue;
            }
            Node first = keyed.keys.get(key);
            if (first != null) {
                problem(keyNode, "duplicate key '" + key + "' in " + where + " (first at line " + line(first) + ")");
                continue;
            }
            keyed.keys.put(key, keyNode);
            if (!allowed.contains(key)) {
                problem(keyNode, "unknown key '" + printable(key) + "' in " + where + suggestion(key, allowed));
                continue;
            }
            keyed.values.put(key, tuple.getValueNode());
        }
        return keyed;
    }

    @CheckForNull
    private Node required(Keyed keys, MappingNode map, String key, String what) {
        Node n = keys.get(key);
        if (n == null && !keys.keys.containsKey(key)) {
            problem(map, "missing required key '" + key + "' (" + what + ")");
        }
        return n;
    }

    private static String suggestion(String key, List<String> allowed) {
        String best = null;
        int bestDistance = 4;
        for (String candidate : allowed) {
            int d = candidate.equalsIgnoreCase(key) ? 0
                    : EditDistance.bounded(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT), 3);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        String elsewhere = "";
        if (!allowed.contains(key)) {
            if (SYSTEM_KEYS.contains(key) && !POLICY_KEYS.contains(key)) {
                elsewhere = " ('" + key + "' belongs to each entry of systems)";
            } else if (DOCUMENTATION_KEYS.contains(key)) {
                elsewhere = " ('" + key + "' belongs under documentation)";
            } else if (TOP_KEYS.contains(key)) {
                elsewhere = " ('" + key + "' belongs at the top of the file)";
            }
        }
        if (!elsewhere.isEmpty()) {
            return elsewhere;
        }
        return best != null ? "; did you mean '" + best + "'?" : "; the keys here are " + allowed;
    }

    @CheckForNull
    private MappingNode mapping(Node node, String what) {
        if (!tagAllowed(node)) {
            return null;
        }
        if (node instanceof MappingNode) {
            return (MappingNode) node;
        }
        problem(node, what + " must be a mapping of keys to values, not " + describe(node));
        return null;
    }

    @CheckForNull
    private SequenceNode sequence(Node node, String key) {
        if (!tagAllowed(node)) {
            return null;
        }
        if (node instanceof SequenceNode) {
            return (SequenceNode) node;
        }
        problem(node, "'" + key + "' must be a list such as [a, b], not " + describe(node));
        return null;
    }

    private List<String> strings(Node node, String key, boolean allowEmpty) {
        SequenceNode seq = sequence(node, key);
        List<String> values = new ArrayList<>();
        if (seq == null) {
            return values;
        }
        if (seq.getValue().isEmpty() && !allowEmpty) {
            problem(seq, "'" + key + "' is empty: list at least one");
        }
        for (Node item : seq.getValue()) {
            String text = string(item, key);
            if (text != null) {
                values.add(text);
            }
        }
        return values;
    }

    @CheckForNull
    private String string(Node node, String key) {
        if (!tagAllowed(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode)) {
            problem(node, "'" + key + "' must be a single value, not " + describe(node));
            return null;
        }
        String value = ((ScalarNode) node).getValue().strip();
        if (node.getTag().equals(Tag.NULL) || value.isEmpty()) {
            problem(node, "'" + key + "' is empty");
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                problem(node, "'" + key + "' must not contain control characters or line breaks");
                return null;
            }
        }
        return value;
    }

    @CheckForNull
    private Integer integer(Node node, String key) {
        String text = string(node, key);
        if (text == null) {
            return null;
        }
        if (!text.matches("\\+?[0-9]{1,9}") && !text.matches("-[0-9]{1,9}")) {
            problem(node, "'" + key + "' must be a whole number, not '" + printable(text) + "'");
            return null;
        }
        return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
    }

    @CheckForNull
    private Boolean bool(Node node, String key) {
        String text = string(node, key);
        if (text == null) {
            return null;
        }
        switch (text) {
            case "true":
            case "True":
            case "TRUE":
                return Boolean.TRUE;
            case "false":
            case "False":
            case "FALSE":
                return Boolean.FALSE;
            default:
                problem(node, "'" + key + "' must be true or false, not '" + printable(text) + "'");
                return null;
        }
    }

    /** Only plain YAML values: an explicit tag such as {@code !!binary} or {@code !custom} is refused. */
    private boolean tagAllowed(Node node) {
        Tag tag = node.getTag();
        boolean ok = node instanceof ScalarNode ? SCALAR_TAGS.contains(tag)
                : node instanceof SequenceNode ? tag.equals(Tag.SEQ) : tag.equals(Tag.MAP);
        if (!ok) {
            problem(node, "the tag " + printable(tag.getValue()) + " is not supported: a registry holds plain"
                    + " values, lists and mappings");
        }
        return ok;
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode) {
            return node.getTag().equals(Tag.NULL) ? "an empty value" : "the single value '"
                    + printable(abbreviate(((ScalarNode) node).getValue())) + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        String t = abbreviate(text);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private static <T> T first(@CheckForNull T own, @CheckForNull T defaults, T builtin) {
        return own != null ? own : defaults != null ? defaults : builtin;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private void problem(Node node, String message) {
        int line = node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
        int column = node.getStartMark() == null ? 1 : node.getStartMark().getColumn() + 1;
        problems.add(new RegistryProblem(source, line, column, message));
    }

    private RegistryException failure() {
        List<RegistryProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(RegistryProblem::line).thenComparingInt(RegistryProblem::column));
        return new RegistryException(sorted);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
