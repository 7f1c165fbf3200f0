package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class AuthorizationHeaderTest {
    @Test
    public void aSecretTextIsSentAsABearerToken() {
        assertThat(AuthorizationHeader.bearer(" s3cr3t "), is("Bearer s3cr3t"));
    }

    @Test
    public void aUsernamePasswordIsSentAsHttpBasicInUtf8() {
        // RFC 7617 section 2 example, and a non-ASCII password
        assertThat(AuthorizationHeader.basic("Aladdin", "open sesame"), is("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        assertThat(AuthorizationHeader.basic("test", "123\u00a3"), is("Basic dGVzdDoxMjPCow=="));
    }

    @Test
    public void aLineBreakInATokenIsRefusedWithoutRepeatingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuthorizationHeader.bearer("abc\r\nX-Evil: 1"));
        assertThat(e.getMessage(), not(containsString("abc")));
    }

    @Test
    public void aColonInTheUserNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuthorizationHeader.basic("a:b", "pw"));
    }

    @Test
    public void anEmptyTokenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuthorizationHeader.bearer("  "));
    }
}
