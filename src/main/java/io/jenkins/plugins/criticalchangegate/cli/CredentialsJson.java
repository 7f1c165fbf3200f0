package io.jenkins.plugins.criticalchangegate.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.policy.GateEvent;
import io.jenkins.plugins.criticalchangegate.policy.GateState;
import io.jenkins.plugins.criticalchangegate.policy.Simulation;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.release.BuildGate;
import io.jenkins.plugins.criticalchangegate.release.CredentialLookup;
import io.jenkins.plugins.criticalchangegate.release.CredentialRelease;
import io.jenkins.plugins.criticalchangegate.release.GateStanding;
import io.jenkins.plugins.criticalchangegate.release.ReleaseDecision;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code simulate --credentials-for SYSTEM}: whether a gated credential bound to SYSTEM would be released to the
 * simulated build once its approvals and rejections are applied, judged by the same {@link CredentialRelease} as
 * Jenkins. The simulated build is running and holds the simulated gate (none when the system was not critical or was
 * denied); the lookup happens at {@code --until} when given, otherwise right after the simulated gate's decision
 * (or at {@code --at}, or now, when that is later).
 */
final class CredentialsJson {
    /** The simulated gate's id, as the JSON's reason names it. */
    static final String GATE_ID = "simulated";
    /** The credential's id in the reason; the tool judges a credential bound to the system, whatever its id. */
    static final String CREDENTIAL_ID = "simulated-credential";

    private CredentialsJson() {
    }

    /**
     * @param requested the system the simulated gate names ({@code --system})
     * @param job the job's full name ({@code --job}), or {@code null}
     * @param at the request's instant (or now) and {@code until}, the end of the simulated time, or {@code null}
     * @return {@code {"system": …, "released": true|false, "reason": …}}
     */
    static Map<String, Object> judge(Registry registry, String credentialSystem, String requested, @CheckForNull String job,
            Simulation.Result result, Instant at, @CheckForNull Instant until) {
        Optional<GateState> state = result.state();
        Instant lookupAt = at;
        List<BuildGate> gates = List.of();
        if (state.isPresent()) {
            Optional<Instant> decided = state.get().decision().map(GateEvent::at);
            if (decided.isPresent() && decided.get().isAfter(lookupAt)) {
                lookupAt = decided.get();
            }
            gates = List.of(BuildGate.of(GATE_ID, requested, GateStanding.valueOf(state.get().outcome().name()),
                    decided.orElse(null), false));
        }
        if (until != null) {
            lookupAt = until;
        }
        CredentialLookup lookup = CredentialLookup.forBuild(CREDENTIAL_ID, credentialSystem,
                job == null ? "simulate" : job, 0, true, gates, lookupAt);
        ReleaseDecision decision = CredentialRelease.decide(registry, lookup);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("system", decision.system());
        json.put("released", decision.released());
        json.put("reason", decision.reason());
        return json;
    }
}
