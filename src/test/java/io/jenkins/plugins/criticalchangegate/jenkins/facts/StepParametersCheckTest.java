package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

/**
 * The step's parameters as the step keeps and checks them. The step's constructor and setters only apply
 * {@link StepParameters#trimmed} (and {@link StepParameters#withoutUserInfo} to the URL), which never throw: structs
 * would wrap an exception as "Could not instantiate {every argument}…" and print a URL's password with it. Its
 * {@code start} applies {@link StepParameters#check}, which names every bad parameter at once and shows nothing of a
 * password.
 */
public class StepParametersCheckTest {
    private static final String SECRET = "hunter2-s3cret";

    @Test
    public void whatTheSettersApplyNeverThrowsAndKeepsNoPassword() {
        for (String bad : List.of("", " ", "a\u0000b", "x".repeat(10_000), "https://bob:" + SECRET + "@wiki/x",
                "ht tp://bob:" + SECRET + "@wiki x", "ftp://bob:" + SECRET + "@wiki/x", "bob:" + SECRET + "@wiki")) {
            String kept = StepParameters.trimmed(bad);
            String url = kept == null ? null : StepParameters.withoutUserInfo(kept);
            assertThat("the step keeps no password", String.valueOf(url), not(containsString(SECRET)));
        }
        assertThat(StepParameters.trimmed("  "), is(nullValue()));
    }

    @Test
    public void aDocumentationUrlWithAPasswordIsRefusedWithoutShowingIt() {
        String kept = StepParameters.withoutUserInfo("https://bob:" + SECRET + "@wiki.example.com/CHG-1");
        assertThat(kept, is("https://****@wiki.example.com/CHG-1"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StepParameters.check("checkout-service", "CHG-1", kept, null, null));
        assertThat(refused.getMessage(), is("criticalChangeGate: parameter 'documentationUrl' must not contain a"
                + " user name or password (got 'https://****@wiki.example.com/CHG-1'); give the documentation site's"
                + " credentials with 'credentialsId'"));
    }

    @Test
    public void everyBadParameterIsNamedAtOnce() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StepParameters.check("checkout\nservice", "CHG 1",
                        StepParameters.withoutUserInfo("ht tp://bob:" + SECRET + "@wiki x"), "bell\u0007",
                        "wiki token"));
        String text = refused.getMessage();
        assertThat(text, containsString("criticalChangeGate: parameter 'system' must not contain control characters"));
        assertThat(text, containsString("parameter 'changeId' must start with a letter or digit"));
        assertThat(text, containsString("parameter 'documentationUrl' must not contain a user name or password"));
        assertThat(text, containsString("parameter 'message' must not contain the control character \\u0007"));
        assertThat(text, containsString("parameter 'credentialsId' must not contain blanks"));
        assertThat(text.split("\n").length, is(5));
        assertThat(text, not(containsString(SECRET)));
    }

    @Test
    public void aMissingSystemIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StepParameters.check(null, null, null, null, null));
        assertThat(refused.getMessage(), containsString("criticalChangeGate: parameter 'system' is required"));
    }

    @Test
    public void goodParametersComeBackChecked() {
        StepParameters.Checked checked = StepParameters.check("checkout-service", "CHG-1",
                "https://wiki.example.com/CHG-1", "Ship it", "wiki-token");
        assertThat(checked.system, is("checkout-service"));
        assertThat(checked.changeId, is("CHG-1"));
        assertThat(checked.documentationUrl, is("https://wiki.example.com/CHG-1"));
        assertThat(checked.message, is("Ship it"));
        assertThat(checked.credentialsId, is("wiki-token"));
    }
}
