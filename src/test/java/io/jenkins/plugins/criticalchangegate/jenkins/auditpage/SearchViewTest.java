package io.jenkins.plugins.criticalchangegate.jenkins.auditpage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.criticalchangegate.audit.AuditEvent;
import io.jenkins.plugins.criticalchangegate.audit.AuditJournal;
import io.jenkins.plugins.criticalchangegate.audit.JournalFilters;
import io.jenkins.plugins.criticalchangegate.audit.JournalOptions;
import io.jenkins.plugins.criticalchangegate.report.GateListing;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The search page's data: links carry the filters and the gate, encoded; values stay as the journal has them. */
public class SearchViewTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void linksCarryTheFiltersAndTheGateEncoded() throws Exception {
        Path dir = tmp.getRoot().toPath();
        try (AuditJournal journal = AuditJournal.open(dir, JournalOptions.defaults())) {
            journal.append(AuditEvent.gateRequested("folder a/deploy&go", 12, "payments", "CHG-1", "abc",
                    "<script>alert(1)</script>"));
        }
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("system", "payments");
        filters.put("since", "2026-01-01T00:00:00+01:00");
        SearchView view = SearchView.of(filters, GateListing.read(dir, JournalFilters.query(filters), 10));
        assertThat(view.getQueryString(), is("system=payments&since=2026-01-01T00%3A00%3A00%2B01%3A00"));
        assertThat(view.getDescription(), is("--system payments --since 2026-01-01T00:00:00+01:00"));
        assertThat(view.filter("since"), is("2026-01-01T00:00:00+01:00"));
        assertThat(view.filter("job"), is(""));
        SearchView.Row row = view.getRows().get(0);
        assertThat(row.getGateQuery(), is("gate=folder+a%2Fdeploy%26go%2312"));
        assertThat(row.getJob(), is("folder a/deploy&go")); // escaped by the page, not here
        assertThat(view.getMore(), is(0L));
    }

    @Test
    public void refusedFiltersKeepWhatWasTypedAndSayWhy() {
        SearchView view = SearchView.refused(Map.of("outcome", "aproved"), "--outcome 'aproved' is not the outcome"
                + " of a gate; did you mean 'APPROVED'?");
        assertThat(view.getError(), is("--outcome 'aproved' is not the outcome of a gate; did you mean 'APPROVED'?"));
        assertThat(view.filter("outcome"), is("aproved"));
        assertThat(view.getRows().isEmpty(), is(true));
    }
}
