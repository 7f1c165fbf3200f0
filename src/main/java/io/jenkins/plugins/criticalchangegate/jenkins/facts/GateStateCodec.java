package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import io.jenkins.plugins.criticalchangegate.policy.GateState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;

/**
 * Keeps a gate's exact {@link GateState} (request, policy at the time, trail) in {@code build.xml} as Base64 of its
 * Java serialized form, the form the policy package designed it for, so that a restarted controller rebuilds the very
 * same gate ({@code Gate.restore}) whatever the registry says by then. The readable trail is kept beside it.
 *
 * <p>Reading is guarded by an {@link ObjectInputFilter} allowing only the plugin's own classes and the JDK value
 * classes they use, with limits on depth, references and size: a tampered build.xml can corrupt one gate (which then
 * fails closed) but cannot instantiate anything else.
 */
public final class GateStateCodec {
    /** Larger than any real state (100 kept refusals, a policy, a few approvals), small enough to bound a bad file. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=100000;maxbytes=" + MAX_BYTES + ";maxarray=100000;"
                    + "io.jenkins.plugins.criticalchangegate.**;"
                    + "java.lang.String;java.lang.Enum;java.lang.Number;java.lang.Integer;java.lang.Long;"
                    + "java.lang.Boolean;java.time.Ser;java.time.Instant;java.time.Duration;"
                    + "java.util.ImmutableCollections$*;java.util.CollSer;java.util.ArrayList;java.util.LinkedHashSet;"
                    + "java.util.HashSet;java.util.LinkedHashMap;java.util.HashMap;java.util.TreeMap;"
                    + "java.util.Collections$*;java.util.Map$Entry;java.util.KeyValueHolder;java.lang.Object;!*");

    private GateStateCodec() {
    }

    public static String encode(GateState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the gate state: " + e, e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * @throws IOException naming the problem when the text is not a gate state this plugin wrote
     */
    public static GateState decode(String text) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("the saved gate state is not Base64: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException("the saved gate state is larger than " + MAX_BYTES + " bytes");
        }
        String[] rejected = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = FILTER.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED && info.serialClass() != null) {
                    rejected[0] = info.serialClass().getName();
                }
                return status;
            });
            Object value = in.readObject();
            if (!(value instanceof GateState)) {
                throw new IOException("the saved gate state holds a " + (value == null ? "null" : value.getClass().getName()));
            }
            return (GateState) value;
        } catch (InvalidClassException e) {
            throw new IOException("the saved gate state holds a class that is not allowed ("
                    + (rejected[0] == null ? "limits exceeded" : rejected[0]) + "): " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new IOException("the saved gate state names an unknown class: " + e.getMessage(), e);
        }
    }
}
