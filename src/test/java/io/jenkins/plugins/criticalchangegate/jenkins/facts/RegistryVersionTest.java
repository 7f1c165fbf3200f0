package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.Test;

public class RegistryVersionTest {
    private static final String SHA = "3f5c0e1d9a2b" + "0".repeat(52);
    private static final Instant LOADED = Instant.parse("2026-11-26T17:02:11Z");

    @Test
    public void theJournalGetsTheWholeShaTheInstantAndTheSource() {
        assertThat(RegistryVersion.of(SHA, LOADED, "file /etc/r.yaml").toJournal(), is(Map.of("sha256", SHA,
                "loadedAt", "2026-11-26T17:02:11Z", "source", "file /etc/r.yaml")));
    }

    @Test
    public void onlyALowerCaseHexShaIsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> RegistryVersion.of("abc", LOADED, "x"));
        assertThrows(IllegalArgumentException.class, () -> RegistryVersion.of(SHA.toUpperCase(), LOADED, "x"));
    }

    /** The execution that holds it is serialized into program.dat with the pipeline. */
    @Test
    public void survivesSerialization() throws Exception {
        RegistryVersion version = RegistryVersion.of(SHA, LOADED, "inline registry");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(version);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject(), is(version));
        }
    }
}
