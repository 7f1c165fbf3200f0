package io.jenkins.plugins.criticalchangegate.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The filters by name, as the tool and the audit page in Jenkins both read them (issue 17): the same values refused
 * with the same words, a form's empty field taken as no filter.
 */
public class JournalFiltersTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path dir;

    @Before
    public void writeJournal() throws IOException {
        dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(AuditEvent.gateRequested("Deploy/Payments", 7, "payments", "CHG-7", "abc", "alice"));
            journal.append(AuditEvent.decided("Deploy/Payments", 7, "payments", "CHG-7", "REJECTED", List.of()));
            journal.append(AuditEvent.gateRequested("deploy/search", 3, "search", "CHG-9", "abc", "dave"));
            journal.append(AuditEvent.decided("deploy/search", 3, "search", "CHG-9", "APPROVED", List.of("bob")));
        }
    }

    private List<Long> seqs(Map<String, String> filters) throws IOException {
        List<Long> seqs = new ArrayList<>();
        JournalFilters.query(filters).forEach(dir, (record, line) -> seqs.add(record.seq()));
        return seqs;
    }

    @Test
    public void filtersByNameSelectAsTheBuilderDoes() throws IOException {
        assertThat(seqs(Map.of("gate", "deploy/payments#7")), contains(2L, 3L));
        assertThat(seqs(Map.of("outcome", "approved")), contains(4L, 5L));
        assertThat(seqs(Map.of("system", "SEARCH", "type", "decided")), contains(5L));
        assertThat(seqs(Map.of("user", "Bob")), contains(5L));
        assertThat(seqs(Map.of("until", "2000-01-01")), empty());
    }

    @Test
    public void anUnknownOutcomeSaysWhatWasMeant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JournalFilters.query(Map.of("outcome", "aproved")));
        assertThat(e.getMessage(), is("--outcome 'aproved' is not the outcome of a gate; did you mean 'APPROVED'?"));
        e = assertThrows(IllegalArgumentException.class, () -> JournalFilters.query(Map.of("type", "DECIDE")));
        assertThat(e.getMessage(), containsString("did you mean 'DECIDED'?"));
    }

    @Test
    public void timesTakeTheToolsThreeFormsAndNameTheFilterOtherwise() {
        assertThat(JournalFilters.instant("since", "2026-01-31"), is(Instant.parse("2026-01-31T00:00:00Z")));
        assertThat(JournalFilters.instant("since", "2026-01-31T13:00:00+01:00"),
                is(Instant.parse("2026-01-31T12:00:00Z")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JournalFilters.query(Map.of("until", "yesterday\u0007")));
        assertThat(e.getMessage(), containsString("--until 'yesterday\\u0007' is not an ISO-8601 time"));
        e = assertThrows(IllegalArgumentException.class,
                () -> JournalFilters.query(Map.of("since", "2026-02-01", "until", "2026-01-01")));
        assertThat(e.getMessage(), containsString("must be before until"));
    }

    @Test
    public void aFormsEmptyFieldsAreFiltersNotSetAndOtherParametersAreIgnored() {
        Map<String, String> form = new HashMap<>();
        form.put("system", "");
        form.put("job", "  ");
        form.put("outcome", "REJECTED");
        form.put("Submit", "Search");
        Map<String, String> filters = JournalFilters.fromForm(form::get);
        assertThat(filters, is(Map.of("outcome", "REJECTED")));
        // the tool, given an empty value, refuses it: an explicit empty option is a mistake there
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JournalFilters.query(Map.of("system", " ")));
        assertThat(e.getMessage(), containsString("--system is empty"));
    }

    @Test
    public void describesTheFiltersInTheToolsOrderAndSpelling() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("until", "2026-02-01");
        filters.put("system", "payments");
        assertThat(JournalFilters.describe(filters), is("--system payments --until 2026-02-01"));
        assertThat(JournalFilters.describe(Map.of()), is(""));
    }
}
