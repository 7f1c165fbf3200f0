package io.jenkins.plugins.criticalchangegate.registry;

import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code registry lint}'s reading of a file: the checks Jenkins makes when it loads the registry (the format, and the
 * longest approvalTimeout the administrator allows, Jenkins' default unless told otherwise), then the
 * {@link RegistryWarnings warnings} about a registry that is valid but weak.
 */
public final class RegistryLint {
    /**
     * The longest approvalTimeout a Jenkins allows until its administrator sets another (Manage Jenkins → System →
     * Critical change gate: maximum approval timeout, 30 days by default).
     */
    public static final Duration JENKINS_DEFAULT_MAX_APPROVAL_TIMEOUT = Duration.ofDays(30);

    private final Registry registry;
    private final List<RegistryProblem> warnings;

    private RegistryLint(Registry registry, List<RegistryProblem> warnings) {
        this.registry = registry;
        this.warnings = warnings;
    }

    /**
     * Reads a registry given as UTF-8 bytes as Jenkins would, under {@code maxApprovalTimeout}, and finds its warnings.
     *
     * @throws RegistryException with every problem, as Jenkins would refuse the file
     * @throws IllegalArgumentException if the maximum is not positive or longer than 365d
     */
    public static RegistryLint of(byte[] utf8, String sourceName, Duration maxApprovalTimeout)
            throws RegistryException {
        RegistryParser.checkMaximum(maxApprovalTimeout);
        Node[] tree = new Node[1];
        Registry registry = RegistryParser.parse(RegistryParser.decode(utf8, sourceName), sourceName,
                RegistryParser.Limits.DEFAULT, maxApprovalTimeout, root -> tree[0] = root);
        return new RegistryLint(registry, RegistryWarnings.of(tree[0], registry, sourceName));
    }

    /**
     * A duration as the registry writes one: a whole number of minutes, hours or days ({@code 90m}, {@code 36h},
     * {@code 30d}), longer than 0 and at most 365d.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Duration duration(String text) {
        Duration d = DurationReader.parse(text.strip());
        if (d == null) {
            throw new IllegalArgumentException("'" + NodeValues.printable(text) + "' is not a duration: write a"
                    + " whole number of minutes, hours or days, such as 90m, 36h or 30d");
        }
        if (d.isZero() || d.compareTo(FormatVersion1.MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("'" + text.strip() + "' must be longer than 0 and at most 365d");
        }
        return d;
    }

    public Registry registry() {
        return registry;
    }

    /** Each {@code FILE:LINE:COLUMN: warning: ...}, in file order; empty when there is nothing to warn about. */
    public List<RegistryProblem> warnings() {
        return List.copyOf(warnings); // already unmodifiable: no copy is made
    }
}
