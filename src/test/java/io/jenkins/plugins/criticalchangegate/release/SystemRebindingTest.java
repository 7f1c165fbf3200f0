package io.jenkins.plugins.criticalchangegate.release;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Optional;
import org.junit.Test;

/** A form update may keep a gated credential's system (as the registry compares ids), never change it. */
public class SystemRebindingTest {
    @Test
    public void theSameSystemAsTheRegistryComparesIdsIsKept() {
        assertThat(SystemRebinding.refusal("deploy-token", "checkout-service", "checkout-service"),
                is(Optional.empty()));
        assertThat(SystemRebinding.refusal("deploy-token", "checkout-service", " Checkout-Service "),
                is(Optional.empty()));
    }

    @Test
    public void anotherSystemIsRefusedNamingBoth() {
        assertThat(SystemRebinding.refusal("deploy-token", "checkout-service", " sandbox "), is(Optional.of(
                "gated credential 'deploy-token' is bound to system 'checkout-service' and keeps its secret across"
                        + " this form, so it cannot be bound to 'sandbox' here: delete it and add it again with the"
                        + " secret, bound to 'sandbox'")));
        assertThat(SystemRebinding.refusal("deploy-token", "checkout-service", "").isPresent(), is(true));
        assertThat(SystemRebinding.refusal("deploy-token", "checkout-service", "checkout-service-2").isPresent(),
                is(true));
    }
}
