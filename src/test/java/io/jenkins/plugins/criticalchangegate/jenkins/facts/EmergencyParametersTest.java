package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** The step's emergency and incidentId parameters, checked when the step starts (issue 16). */
public class EmergencyParametersTest {
    @Test
    public void aUsualCallHasNoIncident() {
        assertThat(EmergencyParameters.check(false, null), nullValue());
    }

    @Test
    public void anEmergencyKeepsItsIncident() {
        assertThat(EmergencyParameters.check(true, "INC-4711"), is("INC-4711"));
    }

    @Test
    public void anEmergencyWithoutIncidentIsRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmergencyParameters.check(true, null));
        assertThat(e.getMessage(), containsString("parameter 'incidentId' is required with 'emergency: true'"));
    }

    @Test
    public void anIncidentWithoutEmergencyIsAMistakeNotANoOp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmergencyParameters.check(false, "INC-4711"));
        assertThat(e.getMessage(), containsString("'incidentId' is only used with 'emergency: true'"));
    }

    @Test
    public void controlCharactersAndOverlongIdsAreRefused() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> EmergencyParameters.check(true, "INC-1\nrm"))
                .getMessage(), containsString("control character \\u000a (at offset 5)"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> EmergencyParameters.check(true,
                "I".repeat(201))).getMessage(), containsString("at most 200 characters, got 201"));
    }
}
