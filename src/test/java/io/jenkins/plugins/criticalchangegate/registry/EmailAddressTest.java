package io.jenkins.plugins.criticalchangegate.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

/** The rule for a {@code notify.email} address: one bare recipient, nothing that could become a header. */
public class EmailAddressTest {
    @Test
    public void acceptsUsualAddresses() {
        for (String ok : List.of("a@example.com", "first.last@mail.example.co.uk", "ops+gates@example.org",
                "o'brien@example.ie", "x_y-z@sub-domain.example.com", "1@2.io")) {
            assertThat(ok, EmailAddress.problem(ok).isPresent(), is(false));
        }
    }

    @Test
    public void refusesAnythingElse() {
        for (String bad : List.of("", "nobody", "@example.com", "a@", "a@localhost", "a..b@example.com",
                ".a@example.com", "a.@example.com", "a@-example.com", "a@example-.com", "a@exa_mple.com",
                "a b@example.com", "a@example.com,b@example.com", "a@example.com;b@example.com",
                "Ann <a@example.com>", "\"a\"@example.com", "a@example.com\r\nBcc: x@example.com",
                "a@example.com\n", "a\u0000@example.com", "jos\u00e9@example.com", "a@[127.0.0.1]",
                "a".repeat(65) + "@example.com", "a@" + "b".repeat(250) + ".com")) {
            assertThat(bad, EmailAddress.problem(bad).isPresent(), is(true));
        }
    }
}
