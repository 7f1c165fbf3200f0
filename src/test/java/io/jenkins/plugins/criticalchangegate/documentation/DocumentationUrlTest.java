package io.jenkins.plugins.criticalchangegate.documentation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The URL rules and the host allow-list, without a network: what is refused, with which reason. */
public class DocumentationUrlTest {
    private static Reason verdict(String url, boolean allowHttp, String... patterns) {
        List<HostPattern> allowed = new ArrayList<>();
        for (String p : patterns) {
            allowed.add(HostPattern.parse(p));
        }
        try {
            DocumentationUrl.parse(url, allowHttp).checkAllowed(allowed);
            return Reason.VERIFIED;
        } catch (Refusal r) {
            return r.reason();
        }
    }

    private static Reason verdict(String url, String... patterns) {
        return verdict(url, false, patterns);
    }

    @Test
    public void allowsAnExactHostIgnoringCase() {
        assertThat(verdict("https://wiki.example.com/CHG-1", "wiki.example.com"), is(Reason.VERIFIED));
        assertThat(verdict("HTTPS://WIKI.Example.COM/CHG-1", "Wiki.Example.com"), is(Reason.VERIFIED));
        assertThat(verdict("https://wiki.example.org/CHG-1", "wiki.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://evilwiki.example.com/", "wiki.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://wiki.example.com.evil.test/", "wiki.example.com"), is(Reason.HOST_NOT_ALLOWED));
    }

    @Test
    public void allowsASuffixPatternForNamesBelowItOnly() {
        assertThat(verdict("https://a.docs.example.com/", "*.docs.example.com"), is(Reason.VERIFIED));
        assertThat(verdict("https://a.b.docs.example.com/", "*.docs.example.com"), is(Reason.VERIFIED));
        assertThat(verdict("https://docs.example.com/", "*.docs.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://evildocs.example.com/", "*.docs.example.com"), is(Reason.HOST_NOT_ALLOWED));
    }

    @Test
    public void aPatternWithoutPortAllowsOnlyTheDefaultPort() {
        assertThat(verdict("https://wiki.example.com:443/", "wiki.example.com"), is(Reason.VERIFIED));
        assertThat(verdict("https://wiki.example.com:8443/", "wiki.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://wiki.example.com:8443/", "wiki.example.com:8443"), is(Reason.VERIFIED));
        assertThat(verdict("https://wiki.example.com/", "wiki.example.com:8443"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("http://wiki.example.com/", true, "wiki.example.com"), is(Reason.VERIFIED));
        assertThat(verdict("http://wiki.example.com:443/", true, "wiki.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://a.docs.example.com:444/", "*.docs.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://a.docs.example.com:444/", "*.docs.example.com:444"), is(Reason.VERIFIED));
    }

    @Test
    public void saysWhenOnlyThePortIsWrong() {
        Refusal r = assertThrows(Refusal.class, () -> DocumentationUrl.parse("https://wiki.example.com:8443/", false)
                .checkAllowed(List.of(HostPattern.parse("wiki.example.com"))));
        assertThat(r.detail(), containsString("the host is listed, but not with port 8443 (a pattern without a port"
                + " allows only port 443)"));
        Refusal other = assertThrows(Refusal.class, () -> DocumentationUrl.parse("https://docs.example.com:8443/",
                false).checkAllowed(List.of(HostPattern.parse("wiki.example.com"))));
        assertThat(other.detail(), not(containsString("port")));
        assertThat(other.detail(), containsString("host docs.example.com:8443 is not in this system's allowed hosts"
                + " [wiki.example.com]"));
    }

    @Test
    public void saysNothingOfPatternsWithoutAPortWhenTheHostIsListedOnlyWithAnotherPort() {
        Refusal r = assertThrows(Refusal.class, () -> DocumentationUrl.parse("https://wiki.example.com/", false)
                .checkAllowed(List.of(HostPattern.parse("wiki.example.com:8443"))));
        assertThat(r.detail(), is("host wiki.example.com is not in this system's allowed hosts"
                + " [wiki.example.com:8443]; the host is listed, but not with port 443"));
        Refusal mixed = assertThrows(Refusal.class, () -> DocumentationUrl.parse("http://wiki.example.com:8080/",
                true).checkAllowed(List.of(HostPattern.parse("wiki.example.com:8443"),
                        HostPattern.parse("wiki.example.com"))));
        assertThat(mixed.detail(), containsString("not with port 8080 (a pattern without a port allows only port"
                + " 80)"));
    }

    @Test
    public void aTrailingDotNeverSneaksPast() {
        assertThat(verdict("https://wiki.example.com./", "wiki.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://a.docs.example.com./", "*.docs.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://wiki.example.com\u3002/", "wiki.example.com"), is(Reason.HOST_NOT_ALLOWED));
    }

    @Test
    public void anIpLiteralPassesOnlyWhenListedLiterally() {
        assertThat(verdict("https://127.0.0.1/", "localhost", "*.example.com"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://127.0.0.1/", "127.0.0.1"), is(Reason.VERIFIED));
        assertThat(verdict("https://127.000.000.001/", "127.0.0.1"), is(Reason.VERIFIED));
        assertThat(verdict("https://10.0.0.1/", "127.0.0.1"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://[::1]/", "localhost"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://[::1]/", "[0:0:0:0:0:0:0:1]"), is(Reason.VERIFIED));
        assertThat(verdict("https://[::1]:8443/", "[::1]"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://[::ffff:127.0.0.1]/", "localhost"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://[::ffff:127.0.0.1]/", "127.0.0.1"), is(Reason.VERIFIED));
    }

    @Test
    public void numericHostsThatAreNotDottedQuadsAreRefused() {
        // each of these reaches 127.0.0.1 with some resolvers
        for (String host : List.of("2130706433", "127.1", "0x7f.0.0.1", "0177.0.0.1", "127.0.0.1.")) {
            // java.net.URI already rejects some (MALFORMED_URL); the host rules reject the rest
            assertThat(host, verdict("https://" + host + "/", "127.0.0.1", "*.example.com"),
                    is(oneOf(Reason.MALFORMED_URL, Reason.HOST_NOT_ALLOWED)));
        }
    }

    @Test
    public void comparesInternationalisedNamesAfterIdn() {
        assertThat(verdict("https://bücher.example/", "xn--bcher-kva.example"), is(Reason.VERIFIED));
        assertThat(verdict("https://xn--bcher-kva.example/", "BÜCHER.example"), is(Reason.VERIFIED));
        assertThat(verdict("https://bucher.example/", "bücher.example"), is(Reason.HOST_NOT_ALLOWED));
        assertThat(verdict("https://wiki.bücher.example:8443/", "*.bücher.example:8443"), is(Reason.VERIFIED));
    }

    @Test
    public void refusesUserInfoWhateverItLooksLike() {
        assertThat(verdict("https://wiki.example.com@evil.test/", "wiki.example.com", "evil.test"),
                is(Reason.CREDENTIALS_IN_URL));
        assertThat(verdict("https://user:pass@wiki.example.com/", "wiki.example.com"), is(Reason.CREDENTIALS_IN_URL));
        assertThat(verdict("https://@wiki.example.com/", "wiki.example.com"), is(Reason.CREDENTIALS_IN_URL));
    }

    @Test
    public void refusesAmbiguousSpellings() {
        assertThat(verdict("https://wiki%2eexample.com/", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https://wiki.example.com\\@evil.test/", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict(" https://wiki.example.com/", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https://wiki.example.com/\n", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https://wiki.example.com/\u00a0", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https://wiki.exa\u200bmple.com/", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https://wiki_x.example.com/", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https:wiki.example.com/", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("//wiki.example.com/", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https:///path", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https://wiki.example.com:99999/", "wiki.example.com"), is(Reason.MALFORMED_URL));
        assertThat(verdict("https://[fe80::1%25eth0]/", "[fe80::1]"), is(Reason.MALFORMED_URL));
        assertThat(verdict("", "wiki.example.com"), is(Reason.MALFORMED_URL));
    }

    @Test
    public void refusesOverlongUrls() {
        String url = "https://wiki.example.com/" + "a".repeat(DocumentationUrl.MAX_LENGTH);
        assertThat(verdict(url, "wiki.example.com"), is(Reason.MALFORMED_URL));
        String justRight = "https://wiki.example.com/" + "a".repeat(DocumentationUrl.MAX_LENGTH - 25);
        assertThat(verdict(justRight, "wiki.example.com"), is(Reason.VERIFIED));
    }

    @Test
    public void refusesSchemesOtherThanHttps() {
        assertThat(verdict("http://wiki.example.com/", "wiki.example.com"), is(Reason.SCHEME_NOT_ALLOWED));
        assertThat(verdict("ftp://wiki.example.com/", true, "wiki.example.com"), is(Reason.SCHEME_NOT_ALLOWED));
        assertThat(verdict("javascript:alert(1)", true, "wiki.example.com"), is(Reason.SCHEME_NOT_ALLOWED));
    }

    @Test
    public void requestsTheCanonicalHostWithoutTheFragment() throws Refusal {
        DocumentationUrl url = DocumentationUrl.parse("https://Bücher.Example:8443/a/b?q=1#frag", false);
        assertThat(url.uri().toString(), is("https://xn--bcher-kva.example:8443/a/b?q=1"));
        assertThat(DocumentationUrl.parse("https://wiki.example.com", false).uri().toString(),
                is("https://wiki.example.com/"));
    }

    @Test
    public void comparesOriginsBySchemeHostAndPort() throws Refusal {
        DocumentationUrl a = DocumentationUrl.parse("https://wiki.example.com/a", true);
        assertThat(a.sameOrigin(DocumentationUrl.parse("https://WIKI.example.com:443/b", true)), is(true));
        assertThat(a.sameOrigin(DocumentationUrl.parse("http://wiki.example.com/a", true)), is(false));
        assertThat(a.sameOrigin(DocumentationUrl.parse("https://wiki.example.com:8443/a", true)), is(false));
        assertThat(a.sameOrigin(DocumentationUrl.parse("https://docs.example.com/a", true)), is(false));
    }

    @Test
    public void redactsUserInfo() {
        assertThat(DocumentationUrl.redact("https://u:p@h.example/x@y"), is("https://***@h.example/x@y"));
        assertThat(DocumentationUrl.redact("https://h.example/x@y"), is("https://h.example/x@y"));
        assertThat(DocumentationUrl.redact("not a url @ all"), is("not a url @ all"));
    }

    @Test
    public void rejectsBadPatternsWithAMessageNamingThem() {
        for (String bad : List.of("", "https://wiki.example.com", "wiki.example.com/path", "user@wiki.example.com",
                "*", "*.", "wiki.*.example.com", "*.127.0.0.1", "wiki.example.com:0", "wiki.example.com:70000",
                "wiki.example.com:x", "::1", "[::1", "wiki.example.com.", "2130706433", "wiki%2eexample.com",
                "a b.example.com", "[fe80::1%eth0]")) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class,
                    () -> HostPattern.parse(bad));
            if (!bad.isEmpty()) {
                assertThat(e.getMessage(), containsString("'" + bad + "'"));
            }
        }
    }
}
