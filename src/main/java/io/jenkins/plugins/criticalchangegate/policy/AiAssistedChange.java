package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.AiAssistedRule;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.TrailerPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which requirement a change to a critical system must meet, given its commits and whether the pipeline declared it
 * AI-assisted: the system's own, or, when the system has an AI-assisted rule and the change is AI-assisted, the
 * stricter one ({@link AiAssistedRule#tighten}), with the reason. A pure function of its inputs: the gate opens with
 * {@link #system()} and keeps {@link #aiAssistance()} with its request, so {@link Gate} itself knows nothing of AI.
 *
 * <p>A declaration can only make the rule stricter: declaring is an "or" with the trailers, never a way to lift a
 * rule the trailers call for. A system without an AI-assisted rule keeps its own requirement either way.
 */
public final class AiAssistedChange {
    private final CriticalSystem system;
    @CheckForNull
    private final AiAssistance aiAssistance;

    private AiAssistedChange(CriticalSystem system, @CheckForNull AiAssistance aiAssistance) {
        this.system = system;
        this.aiAssistance = aiAssistance;
    }

    /**
     * Assesses a change.
     *
     * @param system the critical system, as the registry resolved it
     * @param commits the messages of the commits being shipped, in the order the trail should name the first match
     *     (e.g. newest first, as {@code git log} lists them)
     * @param declared whether the pipeline declared the change AI-assisted
     * @return the requirement that applies, and why when it is the stricter one
     */
    public static AiAssistedChange assess(CriticalSystem system, List<CommitMessage> commits, boolean declared) {
        return assess(system, () -> commits, declared);
    }

    /**
     * As {@link #assess(CriticalSystem, List, boolean)}, reading the commits only when the system's rule has trailer
     * patterns to look for: gathering them may read many earlier builds, which a system without the rule never needs.
     */
    public static AiAssistedChange assess(CriticalSystem system, Supplier<List<CommitMessage>> commits,
            boolean declared) {
        Optional<AiAssistedRule> rule = system.aiAssisted();
        if (rule.isEmpty()) {
            return new AiAssistedChange(system, null);
        }
        List<TrailerPattern> patterns = rule.get().trailers();
        Optional<AiAssistance> why = detect(patterns, patterns.isEmpty() ? List.of() : commits.get(), declared);
        return why.isEmpty() ? new AiAssistedChange(system, null)
                : new AiAssistedChange(rule.get().tighten(system), why.get());
    }

    /**
     * Whether a change is AI-assisted: the first trailer, commit by commit, that matches any of the patterns (in the
     * patterns' order), else the declaration.
     */
    public static Optional<AiAssistance> detect(List<TrailerPattern> patterns, List<CommitMessage> commits,
            boolean declared) {
        if (!patterns.isEmpty()) {
            List<TrailerPattern.Compiled> compiled = new ArrayList<>();
            for (TrailerPattern pattern : patterns) {
                compiled.add(pattern.compile());
            }
            for (CommitMessage commit : commits) {
                for (Trailer trailer : commit.trailers()) {
                    for (TrailerPattern.Compiled pattern : compiled) {
                        if (pattern.matches(trailer.key(), trailer.value())) {
                            return Optional.of(AiAssistance.byTrailer(commit, trailer, pattern.pattern(), declared));
                        }
                    }
                }
            }
        }
        return declared ? Optional.of(AiAssistance.byDeclaration()) : Optional.empty();
    }

    /** The system with the requirement that applies: its own, or tightened by its AI-assisted rule. */
    public CriticalSystem system() {
        return system;
    }

    /** Why the stricter rule applies; empty when the system's own requirement does. */
    public Optional<AiAssistance> aiAssistance() {
        return Optional.ofNullable(aiAssistance);
    }

    @Override
    public String toString() {
        return "AiAssistedChange{" + system.id() + ", " + (aiAssistance == null ? "own requirement"
                : aiAssistance.describe()) + "}";
    }
}
