package io.jenkins.plugins.criticalchangegate.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the entries of {@code systems} one by one: a system's own keys, its approvers and jobs, its policy keys over
 * the defaults, and the rules that need all of them (a requiredApprovals that can be met, documentation that can
 * live somewhere). One per {@code systems:} list, since ids and job bindings must be unique across it.
 */
final class SystemReader {
    /** The keys of a system that are not policy keys. */
    static final List<String> OWN_KEYS = List.of("id", "name", "tier", "owners", "approvers", "jobs");
    private static final List<String> KEYS = concat(OWN_KEYS, PolicyReader.KEYS);

    /** The longest id: 100 characters. */
    private static final int MAX_ID_LENGTH = 100;

    static final int BUILTIN_REQUIRED_APPROVALS = 2;
    private static final Duration BUILTIN_TIMEOUT = Duration.ofHours(24);

    private final Reading reading;
    private final PolicyReader policy;
    private final ApproversReader approversReader;
    private final JobBindings jobBindings;
    private final AiAssistedResolver aiAssisted;
    private final EmergencyResolver emergency;
    /**
     * The line of each id: not its node, whose marks each keep a window of the input alive (megabytes for a large
     * registry read entry by entry, docs/performance.md).
     */
    private final FirstSeen<SystemId> ids = new FirstSeen<>();
    /** At each id's number in {@link #ids}: an array, not a map with a boxed line per id kept through the parse. */
    private int[] idLines = new int[16];
    /**
     * Owner lists seen, each shared with the next equal one: a team owns many systems, and the registry keeps each
     * system's list (one object less per system for the collector to copy). Bounded, overwritten on collision.
     */
    private final Object[] ownerLists = new Object[4096];
    /** The documentation policy of the system read last, usually every system's (the defaults'). */
    @CheckForNull
    private DocumentationPolicy lastDocumentation;

    SystemReader(Reading reading) {
        this.reading = reading;
        this.policy = new PolicyReader(reading);
        this.approversReader = new ApproversReader(reading);
        this.jobBindings = new JobBindings(reading);
        this.aiAssisted = new AiAssistedResolver(reading);
        this.emergency = new EmergencyResolver(reading);
    }

    /** Reads one entry over the draft's defaults and adds its system to the draft, unless it has problems (reported). */
    void read(Node entry, RegistryDraft draft) {
        PolicyKeys defaults = draft.defaults;
        int before = reading.problems.count();
        MappingNode map = reading.values.mapping(entry, "each entry of 'systems'");
        if (map == null) {
            return;
        }
        Keyed keys = reading.keys.read(map, KEYS, "a system");
        SystemId id = id(keys, map);
        int entryLine = id == null ? Problems.line(map) : 0;
        String where = where(id, entryLine);
        String name = null;
        Node nameNode = reading.keys.required(keys, map, "name", "a human name, e.g. Checkout");
        if (nameNode != null) {
            name = reading.values.string(nameNode, "name");
        }
        Integer tier = null;
        Node tierNode = reading.keys.required(keys, map, "tier", "the criticality tier, 1 being the most critical");
        if (tierNode != null) {
            tier = reading.values.integer(tierNode, "tier");
            if (tier != null && tier < 1) {
                reading.problems.add(tierNode, "tier must be 1 or more, not " + tier);
                tier = null;
            }
        }
        List<String> owners = List.of();
        Node ownersNode = reading.keys.required(keys, map, "owners", "the owning teams, e.g. [team-checkout]");
        if (ownersNode != null) {
            owners = sharedOwners(reading.values.strings(ownersNode, "owners", false));
        }
        List<ApproverRef> approvers = List.of();
        Node approversNode = reading.keys.required(keys, map, "approvers",
                "groups or user:<id> entries who may approve");
        if (approversNode != null) {
            approvers = approversReader.read(approversNode);
        }
        List<JobPattern> jobs = List.of();
        Node jobsNode = keys.get("jobs");
        if (jobsNode != null) {
            jobs = jobBindings.read(jobsNode, id, entryLine);
        }
        PolicyKeys own = policy.read(keys);
        int required = own.requiredApprovals != null ? own.requiredApprovals
                : defaults.requiredApprovals != null ? defaults.requiredApprovals : BUILTIN_REQUIRED_APPROVALS;
        boolean distinct = first(own.requireDistinctGroups, defaults.requireDistinctGroups, false);
        Node requiredAt = own.requiredApprovalsNode != null ? own.requiredApprovalsNode
                : approversNode != null ? approversNode : map;
        checkRequiredApprovalsCanBeMet(required, distinct, approvers, own, defaults, requiredAt, where);
        List<ApprovalRule> rules = first(own.approvalRules, defaults.approvalRules, List.of());
        checkRulesCanBeMet(rules, distinct, own.approvalRulesNode != null ? own.approvalRulesNode
                : defaults.approvalRulesNode != null ? defaults.approvalRulesNode : map, where);
        List<String> hosts = first(own.allowedHosts, defaults.allowedHosts, List.of());
        boolean hostsRefused = own.allowedHosts != null ? own.allowedHostsRefused : defaults.allowedHostsRefused;
        if (hosts.isEmpty() && !hostsRefused) {
            reading.problems.add(map, where + " allows its documentation on no host, so no change"
                    + " to it could ever pass: list documentation.allowedHosts here or in defaults");
        }
        AiAssistedRule ai = aiAssisted.resolve(own, defaults, new AiAssistedResolver.Requirement(required, distinct,
                approvers, rules), map, where);
        EmergencyPolicy emergencyPath = emergency.resolve(own, defaults, ai, map, where);
        // no approvers without a problem of this entry: the list or its items had explicit tags, reported where the
        // YAML was composed (a system without approvers was an internal error here, found by StreamedReadingTest)
        if (reading.problems.count() > before || id == null || name == null || tier == null || approvers.isEmpty()) {
            return;
        }
        DocumentationPolicy documentation = new DocumentationPolicy(hosts,
                first(own.requireChangeId, defaults.requireChangeId, true),
                first(own.allowHttp, defaults.allowHttp, false),
                first(own.requiredSections, defaults.requiredSections, List.of()));
        if (documentation.equals(lastDocumentation)) {
            documentation = lastDocumentation; // one immutable value for the many systems that share it
        }
        lastDocumentation = documentation;
        draft.add(CriticalSystem.builder(id.value()).name(name).tier(tier).owners(owners).approvers(approvers)
                .requiredApprovals(required).requireDistinctGroups(distinct)
                .excludeCommitAuthors(first(own.excludeCommitAuthors, defaults.excludeCommitAuthors, true))
                .approvalTimeout(first(own.approvalTimeout, defaults.approvalTimeout, BUILTIN_TIMEOUT))
                .documentation(documentation).jobPatterns(jobs).approvalRules(rules).aiAssisted(ai)
                .emergency(emergencyPath)
                .credentialsReleaseWindow(own.credentialsReleaseWindow != null ? own.credentialsReleaseWindow
                        : defaults.credentialsReleaseWindow)
                .notifyTargets(NotifyTargets.email(first(own.notifyEmail, defaults.notifyEmail, List.of())))
                .build(), jobs);
    }

    /** How messages name a system: by its id, or without one by the line of its entry. */
    static String where(@CheckForNull SystemId id, int entryLine) {
        return id == null ? "system at line " + entryLine : "system '" + id + "'";
    }

    /** Every valid id read so far, of systems with problems too. */
    Set<SystemId> ids() {
        return ids.asSet();
    }

    /** The system's id, unique ignoring case; {@code null} when missing or refused (reported). */
    @CheckForNull
    private SystemId id(Keyed keys, MappingNode map) {
        Node idNode = reading.keys.required(keys, map, "id", "the system's unique id, e.g. checkout-service");
        if (idNode == null) {
            return null;
        }
        String text = reading.values.string(idNode, "id");
        if (text == null) {
            return null;
        }
        if (!validId(text)) {
            reading.problems.add(idNode, "id '" + text + "' is not valid: use 1 to 100 letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit");
            return null;
        }
        SystemId id = SystemId.of("id", text);
        int first = ids.addIfAbsent(id);
        if (first >= 0) {
            reading.problems.add(idNode, "duplicate id '" + text + "': already used at line " + idLines[first]
                    + " (ids compare ignoring case)");
        } else {
            int number = ids.size() - 1;
            if (number == idLines.length) {
                idLines = Arrays.copyOf(idLines, number * 2);
            }
            idLines[number] = Problems.line(idNode);
        }
        return id;
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,99}}, tested by hand: a regular expression per system was a visible share
     * of reading a large registry (docs/performance.md).
     */
    static boolean validId(String text) {
        if (text.isEmpty() || text.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alphanumeric && (i == 0 || c != '.' && c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Single users can give at most one approval each, and with requireDistinctGroups each entry gives at most one.
     *
     * @param at where the problem is reported: the system's own requiredApprovals, else its approvers, else itself
     */
    private void checkRequiredApprovalsCanBeMet(int required, boolean distinct, List<ApproverRef> approvers,
            PolicyKeys own, PolicyKeys defaults, Node at, String where) {
        if (approvers.isEmpty() || required < 1 || own.requiredApprovalsRefused
                || own.requiredApprovals == null && defaults.requiredApprovalsRefused) {
            return; // the refused value is reported as itself, not as the default standing in for it
        }
        String inherited = own.requiredApprovals != null ? "" : defaults.requiredApprovals != null
                ? " (from defaults)" : " (the built-in default)";
        boolean allUsers = true;
        for (ApproverRef approver : approvers) {
            allUsers &= approver.isUser();
        }
        if (allUsers && required > approvers.size()) {
            reading.problems.add(at, where + ": requiredApprovals " + required + inherited + " can never be met: only "
                    + approvers.size() + " single user(s) are listed as approvers");
        } else if (distinct && required > approvers.size()) {
            reading.problems.add(at, where + ": requiredApprovals " + required + inherited + " can never be met with"
                    + " requireDistinctGroups: only " + approvers.size() + " approver entries are listed");
        }
    }

    /**
     * With requireDistinctGroups each group gives one approval, so a rule asking for more through one group can never
     * be met.
     */
    private void checkRulesCanBeMet(List<ApprovalRule> rules, boolean distinct, Node at, String where) {
        if (!distinct) {
            return;
        }
        for (ApprovalRule rule : rules) {
            if (rule.count() > 1) {
                reading.problems.add(at, where + ": the approval rule " + rule + " can never be met with"
                        + " requireDistinctGroups, which counts one approval per group");
            }
        }
    }

    private static <T> T first(@CheckForNull T own, @CheckForNull T defaults, T builtin) {
        return own != null ? own : defaults != null ? defaults : builtin;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The owners as an immutable list, the same list as an equal one read before when it is still remembered. */
    private List<String> sharedOwners(List<String> owners) {
        List<String> copy = List.copyOf(owners);
        int hash = copy.hashCode();
        int slot = (hash ^ hash >>> 10) & ownerLists.length - 1;
        Object seen = ownerLists[slot];
        if (copy.equals(seen)) {
            @SuppressWarnings("unchecked") // only lists of strings are put there
            List<String> same = (List<String>) seen;
            return same;
        }
        ownerLists[slot] = copy;
        return copy;
    }
}
