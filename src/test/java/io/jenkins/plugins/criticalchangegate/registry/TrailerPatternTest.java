package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** The built-in trailer patterns catch the assistants' real trailers, and not the people who share their names. */
public class TrailerPatternTest {
    @Rule
    public Timeout timeout = Timeout.seconds(60);

    /** The name of the first built-in pattern a trailer ({@code Key: value}) matches. */
    private static Optional<String> builtIn(String trailer) {
        int colon = trailer.indexOf(':');
        String key = trailer.substring(0, colon).strip();
        String value = trailer.substring(colon + 1).strip();
        return TrailerPattern.BUILT_IN.stream().filter(p -> p.matches(key, value)).findFirst()
                .map(p -> p.name().orElseThrow());
    }

    private static void assertCaught(String name, String... trailers) {
        for (String trailer : trailers) {
            assertThat(trailer, builtIn(trailer), is(Optional.of(name)));
        }
    }

    @Test
    public void theBuiltInPatternsAreTheDocumentedOnesInOrder() {
        assertThat(TrailerPattern.BUILT_IN.stream().map(p -> p.name().orElseThrow()).collect(Collectors.toList()),
                contains("GitHub Copilot", "Claude", "Amazon Q", "Kiro", "Cursor", "OpenAI Codex", "Gemini",
                        "Assisted-by", "Generated-by"));
    }

    @Test
    public void githubCopilot() {
        assertCaught("GitHub Copilot",
                "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",
                "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
                "Co-authored-by: GitHub Copilot <copilot@github.com>",
                "co-authored-by: GitHub Copilot Agent (GPT 5) <198982749+copilot@users.noreply.github.com>");
    }

    @Test
    public void claude() {
        assertCaught("Claude",
                "Co-Authored-By: Claude <noreply@anthropic.com>",
                "Co-authored-by: Claude Opus 4.5 <noreply@anthropic.com>",
                "Co-authored-by: Claude Sonnet 4 <noreply@anthropic.com>",
                "Co-authored-by: Claude Code <claude@example.com>",
                "Co-authored-by: claude 3.7 <bot@example.com>",
                "Co-authored-by: Claude",
                "Co-authored-by: AI pair <noreply@anthropic.com>");
    }

    @Test
    public void amazonQ() {
        assertCaught("Amazon Q",
                "Co-Authored-By: Amazon Q Developer <noreply@aws.amazon.com>",
                "Co-authored-by: Amazon Q <q@amazon.com>");
    }

    @Test
    public void kiro() {
        assertCaught("Kiro",
                "Co-authored-by: Kiro <kiro@amazon.com>",
                "Co-authored-by: Kiro Agent <244629292+kiro-agent@users.noreply.github.com>",
                "Co-authored-by: Kiro AI (Claude Opus 4.6) <kiro@kiro.dev>",
                "Co-authored-by: Kiro AI Assistant",
                "Co-Authored-By: Kiro <noreply@kiro.dev>");
    }

    @Test
    public void cursor() {
        assertCaught("Cursor",
                "Co-authored-by: Cursor <cursoragent@cursor.com>",
                "Co-authored-by: Cursor Agent <cursoragent@cursor.com>",
                "Co-authored-by: Agent <cursoragent@cursor.com>");
    }

    @Test
    public void openAiCodex() {
        assertCaught("OpenAI Codex",
                "Co-Authored-By: Codex <noreply@openai.com>",
                "Co-authored-by: codex <codex@openai.com>",
                "Co-authored-by: OpenAI Codex <codex@users.noreply.github.com>",
                "Co-authored-by: chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply"
                        + ".github.com>");
    }

    @Test
    public void gemini() {
        assertCaught("Gemini",
                "Co-Authored-By: Gemini <noreply@google.com>",
                "Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>",
                "Co-Authored-By: Gemini 2.5 Flash");
    }

    @Test
    public void assistedByAndGeneratedByWhateverTheirValue() {
        assertCaught("Assisted-by", "Assisted-by: GitHub Copilot", "assisted-by: some-internal-llm v2",
                "Assisted-By: ");
        assertCaught("Generated-by", "Generated-by: ChatGPT", "GENERATED-BY: Tabnine");
    }

    @Test
    public void peopleWhoShareAnAssistantsNameAreNotCaught() {
        for (String trailer : List.of(
                "Co-authored-by: Claude Monet <claude.monet@example.com>",
                "Co-authored-by: Jean-Claude Dupont <jc@example.com>",
                "Co-authored-by: Kiro Tanaka <kiro@example.jp>",
                "Co-authored-by: Cursor Jones <cj@example.com>",
                "Co-authored-by: Amazon Quinn <aq@example.com>",
                "Co-authored-by: Alice Example <alice@example.com>",
                "Signed-off-by: Claude <noreply@anthropic.com>",
                "Reviewed-by: GitHub Copilot <copilot@github.com>",
                "Helped-by: Gemini")) {
            assertThat(trailer, builtIn(trailer), is(Optional.empty()));
        }
    }

    @Test
    public void aRegistrysOwnPatternComparesTheKeyAndSearchesTheValueIgnoringCase() {
        TrailerPattern pattern = TrailerPattern.of("AI-Tool", "internal-llm|codegen");
        assertThat(pattern.matches("ai-tool", "Our CodeGen 3"), is(true));
        assertThat(pattern.matches("AI-Tool", "none"), is(false));
        assertThat(pattern.matches("AI-Tools", "codegen"), is(false));
        assertThat(TrailerPattern.of("AI-Tool", null).matches("AI-TOOL", ""), is(true));
        assertThat(pattern.toString(), is("AI-Tool: /internal-llm|codegen/"));
        assertThat(TrailerPattern.of("AI-Tool", null).toString(), is("AI-Tool: any value"));
    }

    @Test
    public void badKeysAndExpressionsAreRefused() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> TrailerPattern.of("Co authored", null))
                .getMessage(), containsString("trailer key 'Co authored' is not valid"));
        assertThrows(IllegalArgumentException.class, () -> TrailerPattern.of("-x", null));
        assertThrows(IllegalArgumentException.class, () -> TrailerPattern.of("Key_1", null));
        assertThrows(PatternSyntaxException.class, () -> TrailerPattern.of("Key", "(unclosed"));
        assertThrows(IllegalArgumentException.class, () -> TrailerPattern.of("Key", "a".repeat(1001)));
    }

    @Test
    public void anExpressionThatBacktracksForeverCountsAsAMatchRatherThanHang() {
        // Java's regex engine memoizes simple nested loops such as (a+)+, not this
        TrailerPattern catastrophic = TrailerPattern.of("Assisted-by", "(.*a){25}");
        assertThat(catastrophic.matches("Assisted-by", "a".repeat(24) + "b".repeat(10)), is(true));
        assertThat(catastrophic.matches("Assisted-by", "b"), is(false));
    }
}
