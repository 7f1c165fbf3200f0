package io.jenkins.plugins.criticalchangegate.jenkins.step;

import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStateCodec;
import io.jenkins.plugins.criticalchangegate.policy.Gate;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The policy's gates of one build action, in memory: the record in build.xml is what is kept, and a gate is rebuilt
 * from it on first use after a restart. Not thread-safe: used only under the build action's lock.
 */
final class LiveGates {
    private final Map<String, Gate> gates = new HashMap<>();

    void put(String gateId, Gate gate) {
        gates.put(gateId, gate);
    }

    void remove(String gateId) {
        gates.remove(gateId);
    }

    /**
     * The policy gate of a record, rebuilt from the saved state after a restart.
     *
     * @throws IOException when the saved state cannot be read: the gate fails closed, nobody can approve it
     */
    Gate of(GateRecord record) throws IOException {
        Gate gate = gates.get(record.getGateId());
        if (gate == null) {
            String saved = record.getGateState();
            if (saved == null) {
                throw new IOException("gate " + record.getGateId() + " never opened");
            }
            gate = Gate.restore(GateStateCodec.decode(saved), RealmIdentityComparison.INSTANCE);
            gates.put(record.getGateId(), gate);
        }
        return gate;
    }
}
