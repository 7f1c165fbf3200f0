package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.Test;

/** {@code notify:} (issue 14): per system or in defaults, e-mail addresses checked where they stand. */
public class NotifyParserTest {
    private static String registry(String defaultsLines, String systemLines) {
        return "version: 1\nunknownSystems: deny\ndefaults:\n" + defaultsLines + "  documentation:\n"
                + "    allowedHosts: [wiki.example.com]\nsystems:\n"
                + "  - id: a\n    name: A\n    tier: 1\n    owners: [t]\n    approvers: [g1, g2]\n" + systemLines
                + "  - id: b\n    name: B\n    tier: 1\n    owners: [t]\n    approvers: [g1, g2]\n";
    }

    private static CriticalSystem system(Registry r, String id) {
        return r.systems().stream().filter(s -> s.id().value().equals(id)).findFirst().orElseThrow();
    }

    @Test
    public void absentMeansNoOneIsMailed() throws Exception {
        Registry r = RegistryFixtures.parse(registry("", ""));
        assertThat(system(r, "a").notifyTargets(), is(NotifyTargets.NONE));
        assertThat(system(r, "a").notifyTargets().email(), is(empty()));
    }

    @Test
    public void aSystemsOwnAddressesReplaceTheDefaults() throws Exception {
        Registry r = RegistryFixtures.parse(registry("  notify:\n    email: [change-board@example.com]\n",
                "    notify:\n      email: [checkout-leads@example.com, sre.oncall+gates@ops.example.com]\n"));
        assertThat(system(r, "a").notifyTargets().email(),
                contains("checkout-leads@example.com", "sre.oncall+gates@ops.example.com"));
        assertThat(system(r, "b").notifyTargets().email(), contains("change-board@example.com"));
    }

    @Test
    public void anEmptyListTurnsTheDefaultsOff() throws Exception {
        Registry r = RegistryFixtures.parse(registry("  notify:\n    email: [change-board@example.com]\n",
                "    notify:\n      email: []\n"));
        assertThat(system(r, "a").notifyTargets().email(), is(empty()));
        assertThat(system(r, "b").notifyTargets().email(), contains("change-board@example.com"));
    }

    @Test
    public void aBadAddressIsReportedWhereItStands() {
        assertThat(RegistryFixtures.problems(registry("", "    notify:\n      email: [ok@example.com, nobody]\n")),
                contains("reg.yaml:13:31: notify.email 'nobody' is not an e-mail address of the form"
                        + " name@example.com (ASCII letters, digits and RFC 5322 symbols before '@', a domain with"
                        + " at least one dot after it)"));
    }

    /** A header injected through the registry would add recipients or rewrite the mail: refused, never cleaned. */
    @Test
    public void lineBreaksAndSecondAddressesAreRefused() {
        assertThat(RegistryFixtures.problems(registry("",
                "    notify:\n      email: [\"a@example.com\\r\\nBcc: all@example.com\"]\n")),
                contains("reg.yaml:13:15: 'notify.email' must not contain control characters or line breaks"));
        assertThat(RegistryFixtures.problems(registry("", "    notify:\n      email: [\"a@example.com, b@example.com\"]\n")),
                hasItem(containsString("holds more than one address or a space")));
        assertThat(RegistryFixtures.problems(registry("", "    notify:\n      email: [\"Ann <a@example.com>\"]\n")),
                hasItem(containsString("has a display name or quotes: give the bare address")));
    }

    @Test
    public void theShapeIsChecked() {
        assertThat(RegistryFixtures.problems(registry("", "    notify: {}\n")),
                contains("reg.yaml:12:13: 'notify' is empty: give email: [name@example.com, ...], or leave notify"
                        + " out"));
        assertThat(RegistryFixtures.problems(registry("", "    notify: [a@example.com]\n")),
                hasItem(containsString("reg.yaml:12:13:")));
        assertThat(RegistryFixtures.problems(registry("", "    notify:\n      emails: [a@example.com]\n")),
                hasItem(containsString("reg.yaml:13:7:")));
        assertThat(RegistryFixtures.problems(registry("",
                "    notify:\n      email: [a@example.com, A@Example.com]\n")),
                contains("reg.yaml:13:30: notify.email 'A@Example.com' is already listed at line 13"));
    }

    @Test
    public void itIsNotAnOverlayKey() {
        assertThat(OverlaysSection.TIGHTEN_KEYS.contains("notify"), is(false));
        assertThat(PolicyReader.KEYS.contains("notify"), is(true));
    }

    @Test
    public void theValueRefusesWhatTheReaderRefuses() {
        assertThrows(IllegalArgumentException.class, () -> NotifyTargets.email(List.of("a@example.com\nBcc: x@y.z")));
        assertThrows(IllegalArgumentException.class,
                () -> NotifyTargets.email(List.of("a@example.com", "A@EXAMPLE.COM")));
        assertThat(NotifyTargets.email(List.of()), is(NotifyTargets.NONE));
    }

    /** A paused gate keeps its system in program.dat: the new field survives Java serialization, and compares. */
    @Test
    public void survivesSerialization() throws Exception {
        CriticalSystem system = CriticalSystem.builder("a").name("A").approvers("g1", "g2")
                .notifyTargets(NotifyTargets.email(List.of("a@example.com"))).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(system);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            CriticalSystem read = (CriticalSystem) in.readObject();
            assertThat(read, is(system));
            assertThat(read.notifyTargets().email(), contains("a@example.com"));
        }
        assertThat(system.toBuilder().notifyTargets(NotifyTargets.NONE).build().equals(system), is(false));
        assertThat(system.toBuilder().build(), is(system));
    }
}
