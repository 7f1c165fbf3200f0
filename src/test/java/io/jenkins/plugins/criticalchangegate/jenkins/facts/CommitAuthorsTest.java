package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import java.util.Arrays;
import org.junit.Test;

public class CommitAuthorsTest {
    @Test
    public void keepsEachAuthorOnceAndDropsJenkinsUnknownPlaceholder() {
        CommitAuthors authors = CommitAuthors.of(Arrays.asList("erin", "unknown", "erin", " frank ", null, ""));
        assertThat(authors.userIds(), containsInAnyOrder("erin", "frank"));
    }
}
