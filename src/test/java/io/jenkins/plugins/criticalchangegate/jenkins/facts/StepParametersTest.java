package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class StepParametersTest {
    private static String failure(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    public void trimsAndTreatsBlankAsNotGiven() {
        assertThat(StepParameters.changeId("  CHG-1234 "), is("CHG-1234"));
        assertThat(StepParameters.changeId("   "), is(nullValue()));
        assertThat(StepParameters.message(null), is(nullValue()));
        assertThat(StepParameters.credentialsId(" wiki-token\t"), is("wiki-token"));
    }

    @Test
    public void aChangeIdWithSpacesOrMarkupIsRefusedNamingTheParameter() {
        assertThat(failure(() -> StepParameters.changeId("CHG 1234")), containsString("parameter 'changeId'"));
        assertThat(failure(() -> StepParameters.changeId("<script>")), containsString("parameter 'changeId'"));
        assertThat(failure(() -> StepParameters.changeId("C".repeat(129))), containsString("at most 128"));
    }

    @Test
    public void theDocumentationUrlMustBeAnAbsoluteWebUrl() {
        assertThat(StepParameters.documentationUrl(" https://wiki.example.com/CHG-1234 "),
                is("https://wiki.example.com/CHG-1234"));
        assertThat(failure(() -> StepParameters.documentationUrl("wiki.example.com/CHG-1")),
                allOf(containsString("parameter 'documentationUrl'"), containsString("absolute")));
        assertThat(failure(() -> StepParameters.documentationUrl("file:///etc/passwd")),
                containsString("parameter 'documentationUrl'"));
        assertThat(failure(() -> StepParameters.documentationUrl("https://wiki example.com/")),
                containsString("not a valid URL"));
        assertThat(failure(() -> StepParameters.documentationUrl("https:///path-only")),
                containsString("parameter 'documentationUrl'"));
    }

    @Test
    public void credentialsInTheDocumentationUrlAreRefusedBecauseTheyWouldLeakIntoTheTrail() {
        assertThat(failure(() -> StepParameters.documentationUrl("https://bob:hunter2@wiki.example.com/CHG-1")),
                allOf(containsString("user name or password"), containsString("credentialsId")));
    }

    @Test
    public void noMessageAboutTheDocumentationUrlRepeatsAPassword() {
        for (String url : new String[] {"https://bob:hunter2@wiki.example.com/CHG-1", "ht tp://bob:hunter2@wiki x",
            "ftp://bob:hunter2@wiki/x", "https://bob:hunter2@/x", "bob:hunter2@wiki/x", "https://bob:hunter2@wiki/"
                + "x".repeat(3000)}) {
            String message = failure(() -> StepParameters.documentationUrl(url));
            assertThat(url, message, allOf(containsString("documentationUrl"), not(containsString("hunter2"))));
        }
    }

    @Test
    public void userInformationIsFoundAndMaskedOnlyBeforeTheHost() {
        assertThat(StepParameters.withoutUserInfo("https://bob:pw@wiki/x?mail=a@b"), is("https://****@wiki/x?mail=a@b"));
        assertThat(StepParameters.withoutUserInfo("https://wiki/x?mail=a@b"), is("https://wiki/x?mail=a@b"));
        assertThat(StepParameters.withoutUserInfo("https://a@b:c@wiki"), is("https://****@wiki"));
        assertThat(StepParameters.hasUserInfo("https://****@wiki/x"), is(true));
        assertThat(StepParameters.hasUserInfo("https://wiki/x#me@home"), is(false));
    }

    @Test
    public void theMessageKeepsLineBreaksButNotOtherControlCharacters() {
        assertThat(StepParameters.message("Ship it\nnow"), is("Ship it\nnow"));
        assertThat(failure(() -> StepParameters.message("bell\u0007")),
                allOf(containsString("parameter 'message'"), containsString("\\u0007")));
    }

    @Test
    public void aCredentialsIdWithBlanksIsRefused() {
        assertThat(failure(() -> StepParameters.credentialsId("wiki token")),
                containsString("parameter 'credentialsId'"));
    }

    @Test
    public void aCriticalSystemNeedsTheChangeIdAndTheDocumentationUrl() {
        assertThat(failure(() -> StepParameters.requireForCriticalSystem("checkout", null, null)),
                allOf(containsString("'changeId'"), containsString("'documentationUrl'")));
        assertThat(failure(() -> StepParameters.requireForCriticalSystem("checkout", "CHG-1", null)),
                containsString("parameter 'documentationUrl' is required"));
        assertThat(failure(() -> StepParameters.requireForCriticalSystem("checkout", null, "https://w/x")),
                containsString("parameter 'changeId' is required"));
        StepParameters.requireForCriticalSystem("checkout", "CHG-1", "https://w/x");
    }
}
