package io.jenkins.plugins.criticalchangegate.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import org.junit.Test;

public class ControlCharactersTest {
    @Test
    public void escapesEscCarriageReturnLineFeedDelAndC1() {
        assertThat(ControlCharacters.escape("a\u001b[31mb\rc\nd\u007fe\u0085f\tg"),
                is("a\\u001b[31mb\\u000dc\\u000ad\\u007fe\\u0085f\\u0009g"));
    }

    @Test
    public void leavesPrintableTextAloneIncludingNonAscii() {
        String text = "Café – ✓ CHG-1234";
        assertThat(ControlCharacters.escape(text), sameInstance(text));
    }

    @Test
    public void cutsLongTextBeforeEscapingIt() {
        assertThat(ControlCharacters.escape("abcdefghij", 10), is("abcdefghij"));
        assertThat(ControlCharacters.escape("abcdefghijk", 10), is("abcdefg..."));
        assertThat(ControlCharacters.escape("\u001babcdefghijk", 6), is("\\u001bab..."));
    }

    @Test
    public void keepsTheLinesOfAWholeMessage() {
        assertThat(ControlCharacters.escapeKeepingLines("error: '\u001b[2J'\r\nusage: x\n"),
                is("error: '\\u001b[2J'\\u000d\nusage: x\n"));
    }
}
