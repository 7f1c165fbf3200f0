package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.registry.TimedRequirement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the gate would do with a change, outside Jenkins: resolves the system in the registry as the step does, and
 * for a critical system applies the registry's time rules at the request's instant (overlays, a freeze that refuses
 * it, closed periods that hold it), opens a {@link Gate} and applies the approvals and rejections in the order given.
 * The {@code simulate} command prints the {@link Result}; its {@link Result#events()} are the trail the audit journal
 * would receive.
 */
public final class Simulation {
    /** The answer of a simulation: the gate's outcome, or the two answers that open no gate. */
    public enum Verdict {
        NOT_CRITICAL, PENDING, HELD, APPROVED, REJECTED, EXPIRED, ABORTED, DENIED
    }

    /**
     * When the simulated change happens: the request's instant ({@code null}: the clock's, as every action without
     * its own time), and an instant up to which time passes after the actions ({@code null}: none), so that a held
     * gate can be released or a gate expire.
     */
    public static final class Timing {
        /** Now, by the simulation's clock; no time passes after the actions. */
        public static final Timing NOW = new Timing(null, null);

        @CheckForNull
        private final Instant at;
        @CheckForNull
        private final Instant until;

        private Timing(@CheckForNull Instant at, @CheckForNull Instant until) {
            this.at = at;
            this.until = until;
        }

        /** The request, and every action without its own time, at {@code at}; then time passes up to {@code until}. */
        public static Timing of(@CheckForNull Instant at, @CheckForNull Instant until) {
            return new Timing(at, until);
        }
    }

    /** One approval or rejection to apply. */
    public static final class Action {
        private final boolean approve;
        private final Person person;
        @CheckForNull
        private final String text;
        @CheckForNull
        private final Instant at;

        private Action(boolean approve, Person person, @CheckForNull String text, @CheckForNull Instant at) {
            this.approve = approve;
            this.person = person;
            this.text = text;
            this.at = at;
        }

        private Action(boolean approve, Person person, @CheckForNull String text) {
            this(approve, person, text, null);
        }

        /** The same action at its own instant, rather than the request's (or the clock's). */
        public Action at(Instant instant) {
            return new Action(approve, person, text, Objects.requireNonNull(instant));
        }

        /** The person approves, with an optional comment. */
        public static Action approve(Person person, @CheckForNull String comment) {
            return new Action(true, person, comment);
        }

        /** The person rejects, with a reason (not blank). */
        public static Action reject(Person person, String reason) {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
            return new Action(false, person, reason);
        }

        public Person person() {
            return person;
        }

        @Override
        public String toString() {
            return (approve ? "approve " : "reject ") + person + (at == null ? "" : " at " + at)
                    + (text == null ? "" : ": " + text);
        }
    }

    private final Registry registry;
    private final IdentityComparison comparison;
    private final Clock clock;

    public Simulation(Registry registry, IdentityComparison comparison, Clock clock) {
        this.registry = registry;
        this.comparison = comparison;
        this.clock = clock;
    }

    /**
     * Runs the simulation.
     *
     * @param system the system the pipeline names
     * @param jobFullName the job's full name, or {@code null}
     * @param changeId the change's id
     * @param startedBy who started the build, or {@code null}
     * @param commitAuthors the authors of the commits being shipped
     * @param actions the approvals and rejections, in order
     */
    public Result run(String system, @CheckForNull String jobFullName, String changeId, @CheckForNull String startedBy,
            Set<String> commitAuthors, List<Action> actions) {
        return run(system, jobFullName, changeId, startedBy, commitAuthors, actions, Timing.NOW, List.of(), false);
    }

    /**
     * Runs the simulation of a change with its commits' messages: a critical system's stricter rule for AI-assisted
     * changes applies when a trailer calls for it or the change is declared AI-assisted ({@link AiAssistedChange});
     * the gate's request then says why ({@link GateRequest#aiAssistance()}).
     *
     * @param commits the messages of the commits being shipped
     * @param declaredAiAssisted whether the pipeline declares the change AI-assisted
     */
    public Result run(String system, @CheckForNull String jobFullName, String changeId, @CheckForNull String startedBy,
            Set<String> commitAuthors, List<Action> actions, List<CommitMessage> commits, boolean declaredAiAssisted) {
        return run(system, jobFullName, changeId, startedBy, commitAuthors, actions, Timing.NOW, commits,
                declaredAiAssisted);
    }

    /**
     * Runs the simulation at a given time.
     *
     * @param timing when the change is requested and how long time passes after the actions
     * @throws IllegalArgumentException when an action's time is before the request's or the previous action's, or
     *     {@code timing}'s {@code until} before the last action's: time only moves forward
     */
    public Result run(String system, @CheckForNull String jobFullName, String changeId, @CheckForNull String startedBy,
            Set<String> commitAuthors, List<Action> actions, Timing timing) {
        return run(system, jobFullName, changeId, startedBy, commitAuthors, actions, timing, List.of(), false);
    }

    /**
     * Runs the simulation at a given time, with the commits' messages: the time rules apply first (the policy in
     * force at the request, freezes, windows), then the stricter rule for AI-assisted changes tightens that policy.
     */
    public Result run(String system, @CheckForNull String jobFullName, String changeId, @CheckForNull String startedBy,
            Set<String> commitAuthors, List<Action> actions, Timing timing, List<CommitMessage> commits,
            boolean declaredAiAssisted) {
        return run(system, jobFullName, changeId, startedBy, commitAuthors, actions, timing, commits,
                declaredAiAssisted, null);
    }

    /**
     * As {@link #run(String, String, String, String, Set, List, Timing, List, boolean)}; with an incident id, down the
     * system's emergency (break-glass) path, issue 16 ({@link GateRequest#withEmergency}): no time rules, the
     * emergency requirement; DENIED at once when the system has no emergency path or the incident id is refused.
     *
     * @param incidentId the incident of an emergency change, or {@code null} for a usual one
     */
    public Result run(String system, @CheckForNull String jobFullName, String changeId, @CheckForNull String startedBy,
            Set<String> commitAuthors, List<Action> actions, Timing timing, List<CommitMessage> commits,
            boolean declaredAiAssisted, @CheckForNull String incidentId) {
        Instant start = timing.at != null ? timing.at : clock.instant();
        Resolution resolution = registry.resolve(system, jobFullName);
        switch (resolution.kind()) {
            case NOT_CRITICAL:
                return new Result(resolution, Verdict.NOT_CRITICAL, null, List.of(new GateEvent(
                        GateEvent.Type.PASSED_NOT_CRITICAL, start, startedBy, null, null, resolution.message())),
                        List.of());
            case DENIED:
                return new Result(resolution, Verdict.DENIED, null, List.of(new GateEvent(GateEvent.Type.DENIED,
                        start, startedBy, null, null, resolution.message())), List.of());
            default:
                break;
        }
        GateRequest request;
        TimedRequirement timed = null;
        if (incidentId != null) {
            CriticalSystem own = resolution.system().orElseThrow();
            Optional<String> refused = EmergencyRequirement.refusal(own, incidentId);
            if (refused.isPresent()) {
                return new Result(resolution, Verdict.DENIED, null, List.of(new GateEvent(GateEvent.Type.DENIED,
                        start, startedBy, null, null, refused.get())), List.of(), List.of(), 0, null, refused.get());
            }
            request = new GateRequest(own, changeId, startedBy, commitAuthors, start);
            request = request.withAiAssistance(AiAssistedChange.assess(own, commits, declaredAiAssisted))
                    .withEmergency(incidentId);
        } else {
            timed = registry.timeRules().at(resolution.system().orElseThrow(), start);
            request = usual(timed, changeId, startedBy, commitAuthors, commits, declaredAiAssisted);
            if (request == null) {
                String denied = timed.denialMessage().orElseThrow();
                return new Result(resolution, Verdict.DENIED, null, List.of(new GateEvent(GateEvent.Type.DENIED,
                        start, startedBy, null, null, denied)), List.of(), List.of(), 0, timed, denied);
            }
        }
        return decide(resolution, request, actions, timing, start, timed);
    }

    /** The usual request under the time rules and the AI-assisted rule; {@code null} when a freeze refuses it. */
    @CheckForNull
    private static GateRequest usual(TimedRequirement timed, String changeId, @CheckForNull String startedBy,
            Set<String> commitAuthors, List<CommitMessage> commits, boolean declaredAiAssisted) {
        if (timed.denialMessage().isPresent()) {
            return null;
        }
        GateRequest request = new GateRequest(timed, changeId, startedBy, Set.of(), commitAuthors);
        return request.withAiAssistance(AiAssistedChange.assess(request.system(), commits, declaredAiAssisted));
    }

    private Result decide(Resolution resolution, GateRequest request, List<Action> actions, Timing timing,
            Instant start, @CheckForNull TimedRequirement timed) {
        Gate gate = Gate.open(request, comparison);
        List<Attempt> attempts = new ArrayList<>();
        Instant last = start;
        for (Action action : actions) {
            Instant at = action.at != null ? action.at : timing.at != null ? timing.at : clock.instant();
            last = notBefore(at, last, action.toString());
            attempts.add(action.approve ? gate.approve(action.person, action.text, at)
                    : gate.reject(action.person, Objects.requireNonNull(action.text), at));
        }
        if (timing.until != null) {
            gate.advance(notBefore(timing.until, last, "the end of the simulation"));
        }
        GateState state = gate.state();
        return new Result(resolution, Verdict.valueOf(state.outcome().name()), state, state.events(), attempts,
                gate.progress(), gate.approvalsStillNeeded(), timed, resolution.message());
    }

    private static Instant notBefore(Instant at, Instant last, String what) {
        if (at.isBefore(last)) {
            throw new IllegalArgumentException(what + " is at " + at + ", before " + last + ": time only moves"
                    + " forward (the request, then each action in the order given)");
        }
        return at;
    }

    /** What the simulation found. */
    public static final class Result {
        private final Resolution resolution;
        private final Verdict verdict;
        @CheckForNull
        private final GateState state;
        private final List<GateEvent> events;
        private final List<Attempt> attempts;
        private final List<RuleProgress> progress;
        private final int approvalsStillNeeded;
        @CheckForNull
        private final TimedRequirement timed;
        private final String message;

        Result(Resolution resolution, Verdict verdict, @CheckForNull GateState state, List<GateEvent> events,
                List<Attempt> attempts) {
            this(resolution, verdict, state, events, attempts, List.of(), 0, null, resolution.message());
        }

        Result(Resolution resolution, Verdict verdict, @CheckForNull GateState state, List<GateEvent> events,
                List<Attempt> attempts, List<RuleProgress> progress, int approvalsStillNeeded,
                @CheckForNull TimedRequirement timed, String message) {
            this.timed = timed;
            this.message = message;
            this.progress = List.copyOf(progress);
            this.approvalsStillNeeded = approvalsStillNeeded;
            this.resolution = resolution;
            this.verdict = verdict;
            this.state = state;
            this.events = List.copyOf(events);
            this.attempts = List.copyOf(attempts);
        }

        /** What the registry said. */
        public Resolution resolution() {
            return resolution;
        }

        /**
         * What the registry's time rules made of the system at the request's instant (the overlays applied, a freeze
         * in force); present when the system is critical.
         */
        public Optional<TimedRequirement> timed() {
            return Optional.ofNullable(timed);
        }

        /** What the registry said, or why a freeze refused the change. */
        public String message() {
            return message;
        }

        public Verdict verdict() {
            return verdict;
        }

        /** The gate's final state; present when the system is critical. */
        public Optional<GateState> state() {
            return Optional.ofNullable(state);
        }

        /** Everything that happened, in order with timestamps: the trail the audit journal would receive. */
        public List<GateEvent> events() {
            return events;
        }

        /** The requirement part by part with who counts toward each; empty when no gate opened. */
        public List<RuleProgress> progress() {
            return progress;
        }

        /** How many more approvals the gate needs (0 once approved, or when no gate opened). */
        public int approvalsStillNeeded() {
            return approvalsStillNeeded;
        }

        /** The answer to each action, in the order given. */
        public List<Attempt> attempts() {
            return attempts;
        }
    }
}
