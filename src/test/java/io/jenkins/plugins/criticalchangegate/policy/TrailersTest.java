package io.jenkins.plugins.criticalchangegate.policy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/** Trailers are read as git reads them ({@link TrailersGitConformanceTest} runs git itself on many more). */
public class TrailersTest {
    private static List<String> trailers(String message) {
        return Trailers.parse(message).stream().map(Trailer::toString).collect(Collectors.toList());
    }

    @Test
    public void readsTheTrailersOfTheLastParagraph() {
        assertThat(trailers("Fix the checkout total\n\nRounding was off by one cent.\n\n"
                        + "Co-authored-by: GitHub Copilot <copilot@github.com>\nSigned-off-by: Alice <alice@example.com>\n"),
                contains("Co-authored-by: GitHub Copilot <copilot@github.com>",
                        "Signed-off-by: Alice <alice@example.com>"));
    }

    @Test
    public void theSubjectIsNeverATrailer() {
        assertThat(trailers("Co-authored-by: Claude <noreply@anthropic.com>"), is(empty()));
        assertThat(trailers("Co-authored-by: Claude <noreply@anthropic.com>\n"), is(empty()));
        assertThat(trailers("Subject\nCo-authored-by: Claude <noreply@anthropic.com>\n"), is(empty()));
        assertThat(trailers("Subject\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"),
                contains("Co-authored-by: Claude <noreply@anthropic.com>"));
    }

    @Test
    public void trailersInAnEarlierParagraphDoNotCount() {
        assertThat(trailers("Subject\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\nAnd then some prose.\n"),
                is(empty()));
    }

    @Test
    public void aLastParagraphMixingProseAndTrailersHoldsNoneUnlessGitWroteOne() {
        assertThat(trailers("Subject\n\nThanks to\nCo-authored-by: Claude <noreply@anthropic.com>\n"), is(empty()));
        // one git-generated trailer, and at least a quarter of the lines trailers: the prose is skipped
        assertThat(trailers("Subject\n\nsome prose\nmore prose\nCo-authored-by: Claude <noreply@anthropic.com>\n"
                        + "Signed-off-by: Alice <alice@example.com>\n"),
                contains("Co-authored-by: Claude <noreply@anthropic.com>", "Signed-off-by: Alice <alice@example.com>"));
        // 1 trailer among 4 other lines is less than a quarter
        assertThat(trailers("Subject\n\na\nb\nc\nd\nSigned-off-by: Alice <alice@example.com>\n"), is(empty()));
        assertThat(trailers("Subject\n\na\nb\nc\nSigned-off-by: Alice <alice@example.com>\n"),
                contains("Signed-off-by: Alice <alice@example.com>"));
        assertThat(trailers("Subject\n\nprose\n(cherry picked from commit 0123abc)\nAssisted-by: Kiro\n"),
                contains("Assisted-by: Kiro"));
    }

    @Test
    public void foldedValuesAreJoinedWithSingleSpaces() {
        assertThat(trailers("Subject\n\nCo-authored-by: Claude\n   <noreply@anthropic.com>\nSigned-off-by: A\n"),
                contains("Co-authored-by: Claude <noreply@anthropic.com>", "Signed-off-by: A"));
        assertThat(trailers("Subject\n\nCo-authored-by: Claude\n\t<noreply@anthropic.com>\n  and more\n"),
                contains("Co-authored-by: Claude <noreply@anthropic.com> and more"));
    }

    @Test
    public void aBlankLedLineWithoutATrailerBeforeItIsProse() {
        assertThat(trailers("Subject\n\n  indented\nCo-authored-by: Claude <noreply@anthropic.com>\n"), is(empty()));
    }

    @Test
    public void crlfLineEndsGiveTheSameTrailersAsLf() {
        assertThat(trailers("Subject\r\n\r\nBody\r\n\r\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\r\n"
                        + "Signed-off-by: Bob <bob@example.com>\r\n\r\n"),
                contains("Co-authored-by: Cursor Agent <cursoragent@cursor.com>", "Signed-off-by: Bob <bob@example.com>"));
    }

    @Test
    public void keysAreLettersDigitsAndDashesWithBlanksAllowedBeforeTheColon() {
        assertThat(trailers("Subject\n\nAssisted-by : Gemini\nX-AI-2:yes\n"),
                contains("Assisted-by: Gemini", "X-AI-2: yes"));
        assertThat(trailers("Subject\n\nAssisted by: Gemini\n"), is(empty()));
        assertThat(trailers("Subject\n\nAssisted_by: Gemini\n"), is(empty()));
        assertThat(trailers("Subject\n\n: Gemini\n"), is(empty()));
    }

    @Test
    public void trailingCommentsBlankLinesAndAConflictsBlockAreNotPartOfTheMessage() {
        assertThat(trailers("Subject\n\nGenerated-by: Codex\n\n# Please enter the commit message\n#\n\n"),
                contains("Generated-by: Codex"));
        assertThat(trailers("Merge branch 'x'\n\nSigned-off-by: A\n\nConflicts:\n\tsrc/a.c\n\tsrc/b.c\n"),
                contains("Signed-off-by: A"));
    }

    @Test
    public void aCommentLineInTheBlockIsSkippedAndEndsAFoldedValue() {
        assertThat(trailers("Subject\n\nCo-authored-by: A\n# note\n  folded\nSigned-off-by: B\n"),
                contains("Co-authored-by: A", "Signed-off-by: B"));
    }

    @Test
    public void emptyAndBlankMessagesHaveNoTrailers() {
        assertThat(trailers(""), is(empty()));
        assertThat(trailers("\n\n\n"), is(empty()));
        assertThat(trailers("Subject\n\n   \n"), is(empty()));
    }

    @Test
    public void valuesKeepTheirUnicodeAndEmptyValuesAreKept() {
        assertThat(trailers("Subject\n\nCo-authored-by: Zoë Ünal <zoe@example.com>\nReviewed-by:\n"),
                contains("Co-authored-by: Zoë Ünal <zoe@example.com>", "Reviewed-by: "));
    }

    @Test
    public void theRealClaudeCodeFooterIsRead() {
        assertThat(trailers("Add retry to the payment client\n\nRetries idempotent calls up to 3 times.\n\n"
                        + "\ud83e\udd16 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
                        + "Co-Authored-By: Claude <noreply@anthropic.com>\n"),
                contains("Co-Authored-By: Claude <noreply@anthropic.com>"));
    }
}
