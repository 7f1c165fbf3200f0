package io.jenkins.plugins.criticalchangegate.documentation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.regex.PatternSyntaxException;
import org.junit.Test;

/** Required sections: literal texts and /regular expressions/, matched within a time bound. */
public class RequiredSectionTest {
    private static final long LATER = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);

    @Test
    public void matchesALiteralIgnoringCaseAndWhitespaceRuns() {
        RequiredSection section = RequiredSection.parse("  Rollback \t plan ");
        assertThat(section.isFoundIn("Change. ROLLBACK PLAN: revert", LATER), is(true));
        assertThat(section.isFoundIn("Rollback: none planned", LATER), is(false));
        assertThat("a literal is not a pattern", RequiredSection.parse("Risk (high)").isFoundIn("Risk (high)", LATER),
                is(true));
        assertThat(RequiredSection.parse("Risk (high)").isFoundIn("Risk high", LATER), is(false));
        assertThat(RequiredSection.parse("ÄNDERUNG").isFoundIn("änderung", LATER), is(true));
    }

    @Test
    public void matchesARegularExpressionBetweenSlashesAsWritten() {
        RequiredSection section = RequiredSection.parse("/Risk\\s+assessment:\\s+(low|medium)/");
        assertThat(RequiredSection.isRegex("/Risk/"), is(true));
        assertThat(section.isFoundIn("Risk assessment: low", LATER), is(true));
        assertThat(section.isFoundIn("risk assessment: low", LATER), is(false));
        assertThat(RequiredSection.parse("/(?i)risk/").isFoundIn("RISK", LATER), is(true));
        assertThat(RequiredSection.isRegex("/"), is(false));
        assertThat(RequiredSection.parse("/").isFoundIn("a/b", LATER), is(true));
    }

    @Test
    public void rejectsBadPatterns() {
        PatternSyntaxException e = assertThrows(PatternSyntaxException.class, () -> RequiredSection.parse("/(unclosed/"));
        assertThat(e.getMessage(), containsString("(unclosed"));
        assertThrows(IllegalArgumentException.class, () -> RequiredSection.parse("//"));
        assertThrows(IllegalArgumentException.class, () -> RequiredSection.parse("  "));
    }

    @Test
    public void boundsLiteralSearchesByTheDeadlineToo() {
        RequiredSection section = RequiredSection.parse("a".repeat(999) + "b");
        assertThrows(DeadlineCharSequence.DeadlineExceeded.class,
                () -> section.isFoundIn("a".repeat(1024 * 1024), System.nanoTime() - 1));
    }

    @Test
    public void stopsCatastrophicBacktrackingAtTheDeadline() {
        RequiredSection section = RequiredSection.parse("/(.*a){30}/");
        long start = System.nanoTime();
        assertThrows(DeadlineCharSequence.DeadlineExceeded.class,
                () -> section.isFoundIn("a".repeat(200) + "!", start + TimeUnit.MILLISECONDS.toNanos(200)));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), lessThan(5_000L));
    }
}
