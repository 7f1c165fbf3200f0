package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class SystemIdTest {
    @Test
    public void comparesIgnoringCaseAndSurroundingBlanks() {
        assertThat(SystemId.of("system", "  Checkout-Service\t"), is(SystemId.of("system", "checkout-service")));
        assertThat(SystemId.of("system", "Checkout-Service").hashCode(),
                is(SystemId.of("system", "CHECKOUT-SERVICE").hashCode()));
    }

    @Test
    public void keepsTheFirstSpellingForMessages() {
        SystemId id = SystemId.of("system", " Checkout-Service ");
        assertThat(id.value(), is("Checkout-Service"));
        assertThat(id.key(), is("checkout-service"));
    }

    @Test
    public void differentIdsDiffer() {
        assertThat(SystemId.of("system", "checkout"), is(not(SystemId.of("system", "checkout-service"))));
    }

    @Test
    public void refusesAMissingIdNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SystemId.of("system", null));
        assertThat(e.getMessage(), containsString("'system' is required"));
        e = assertThrows(IllegalArgumentException.class, () -> SystemId.of("id", " \t "));
        assertThat(e.getMessage(), containsString("'id' is required"));
    }

    @Test
    public void refusesLineBreaksShowingThemEscaped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SystemId.of("system", "checkout\nmalicious"));
        assertThat(e.getMessage(), containsString("checkout\\u000amalicious"));
    }
}
