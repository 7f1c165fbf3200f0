package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Optional;
import org.junit.Test;

/** {@code credentialsReleaseWindow}: per system or in defaults, the approvalTimeout syntax, absent = the rest of the build. */
public class CredentialsReleaseWindowTest {
    private static String registry(String defaultsLine, String systemLine) {
        return "version: 1\nunknownSystems: deny\ndefaults:\n" + defaultsLine + "  documentation:\n"
                + "    allowedHosts: [wiki.example.com]\nsystems:\n"
                + "  - id: a\n    name: A\n    tier: 1\n    owners: [t]\n    approvers: [g1, g2]\n" + systemLine
                + "  - id: b\n    name: B\n    tier: 1\n    owners: [t]\n    approvers: [g1, g2]\n";
    }

    private static CriticalSystem system(Registry r, String id) {
        return r.systems().stream().filter(s -> s.id().value().equals(id)).findFirst().orElseThrow();
    }

    @Test
    public void absentMeansTheRestOfTheBuild() throws Exception {
        Registry r = RegistryFixtures.parse(registry("", ""));
        assertThat(system(r, "a").credentialsReleaseWindow(), is(Optional.empty()));
    }

    @Test
    public void aSystemsOwnWindowWinsOverTheDefault() throws Exception {
        Registry r = RegistryFixtures.parse(registry("  credentialsReleaseWindow: 2h\n",
                "    credentialsReleaseWindow: 15m\n"));
        assertThat(system(r, "a").credentialsReleaseWindow(), is(Optional.of(Duration.ofMinutes(15))));
        assertThat(system(r, "b").credentialsReleaseWindow(), is(Optional.of(Duration.ofHours(2))));
    }

    @Test
    public void badValuesAreReportedWhereTheyAre() {
        assertThat(RegistryFixtures.problems(registry("", "    credentialsReleaseWindow: soon\n")), hasItem(
                "reg.yaml:12:31: credentialsReleaseWindow 'soon' is not a duration: write a whole number followed"
                        + " by m (minutes), h (hours) or d (days), e.g. 15m, 2h; leave the key out to release gated"
                        + " credentials for the rest of the build"));
        assertThat(RegistryFixtures.problems(registry("  credentialsReleaseWindow: 0m\n", "")),
                contains("reg.yaml:4:29: credentialsReleaseWindow must be longer than 0"));
        assertThat(RegistryFixtures.problems(registry("", "    credentialsReleaseWindow: 366d\n")),
                contains("reg.yaml:12:31: credentialsReleaseWindow '366d' is longer than 365d"));
    }

    @Test
    public void itIsNotAnOverlayKey() {
        assertThat(OverlaysSection.TIGHTEN_KEYS.contains("credentialsReleaseWindow"), is(false));
        assertThat(PolicyReader.KEYS.contains("credentialsReleaseWindow"), is(true));
    }

    /** A paused gate keeps its system in program.dat: the new field survives Java serialization, and compares. */
    @Test
    public void survivesSerialization() throws Exception {
        CriticalSystem system = CriticalSystem.builder("a").name("A").approvers("g1", "g2")
                .credentialsReleaseWindow(Duration.ofMinutes(15)).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(system);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            CriticalSystem read = (CriticalSystem) in.readObject();
            assertThat(read, is(system));
            assertThat(read.credentialsReleaseWindow(), is(Optional.of(Duration.ofMinutes(15))));
        }
        assertThat(system.toBuilder().credentialsReleaseWindow(null).build().equals(system), is(false));
    }
}
