package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class AuditEventTest {
    @Test
    public void gateRequestedNamesTheGateAndWhoStartedIt() {
        AuditEvent e = AuditEvent.gateRequested("team/deploy", 42, "payments", "CHG-1", "abc123", "alice");
        assertThat(e.type(), equalTo(AuditEventType.GATE_REQUESTED));
        assertThat(e.fields(), equalTo(Map.of("job", "team/deploy", "build", 42L, "system", "payments",
                "changeId", "CHG-1", "commit", "abc123", "user", "alice")));
    }

    @Test
    public void leavesOutAbsentOptionalValues() {
        AuditEvent e = AuditEvent.gateRequested("j", 1, "s", "C", null, "alice");
        assertThat(e.fields(), not(hasKey("commit")));
    }

    @Test
    public void copiesEvidenceDeeplySoLaterChangesDoNotLeakIn() {
        Map<String, Object> evidence = new HashMap<>();
        List<Object> hosts = new ArrayList<>(List.of("wiki.example.com"));
        evidence.put("hosts", hosts);
        evidence.put("status", 200);
        AuditEvent e = AuditEvent.documentationChecked("j", 1, "s", "C", "https://wiki.example.com/C", "VERIFIED",
                evidence);
        hosts.add("evil.example.com");
        evidence.put("status", 500);
        @SuppressWarnings("unchecked")
        Map<String, Object> kept = (Map<String, Object>) e.fields().get("evidence");
        assertThat(kept, equalTo(Map.of("hosts", List.of("wiki.example.com"), "status", 200L)));
    }

    @Test
    public void refusesNamesTheJournalWritesItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditEvent.of(AuditEventType.REJECTED, Map.of("seq", 5L)));
        assertThat(e.getMessage(), containsString("'seq'"));
    }

    @Test
    public void refusesFloatingPointWithThePathOfTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditEvent.documentationChecked("j", 1, "s", "C", "u", "VERIFIED", Map.of("score", 0.5)));
        assertThat(e.getMessage(), containsString("evidence.score"));
    }

    @Test
    public void refusesMemberNamesOutsideTheCanonicalAlphabet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditEvent.of(AuditEventType.EXPIRED, Map.of("bad name", "x")));
        assertThat(e.getMessage(), containsString("'bad name'"));
    }

    @Test
    public void refusesUnpairedSurrogates() {
        assertThrows(IllegalArgumentException.class,
                () -> AuditEvent.approvalAccepted("j", 1, "s", "C", "bob\uD800"));
    }

    @Test
    public void journalCreatedIsOnlyForTheJournal() {
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.of(AuditEventType.JOURNAL_CREATED, Map.of()));
    }

    @Test
    public void canonicalEncodingSortsNamesEscapesMinimallyAndKeepsUnicode() {
        Map<String, Object> m = new HashMap<>();
        m.put("b", "q\"\\\n\u0001\u007f é 😀");
        m.put("a", List.of(1L, true, Map.of("z", -7L, "y", "")));
        String json = new String(CanonicalJson.encode(m), StandardCharsets.UTF_8);
        assertThat(json, equalTo("{\"a\":[1,true,{\"y\":\"\",\"z\":-7}],\"b\":\"q\\\"\\\\\\n\\u0001\u007f é 😀\"}"));
    }
}
