package io.jenkins.plugins.criticalchangegate.documentation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** How a page becomes the text the change-id and section rules read. */
public class PageTextTest {
    private static PageText html(String body) {
        return PageText.of(body.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8");
    }

    @Test
    public void findsTheChangeIdAsAWholeTokenIgnoringCase() {
        PageText page = html("<p>Change chg-12: upgrade (see CHG-123, XCHG-12, CHG-12a, CHG_12, CHG-12-b)</p>");
        assertThat(page.mentionsToken("CHG-12"), is(true));
        assertThat(PageText.of("CHG-123".getBytes(StandardCharsets.UTF_8), "text/plain").mentionsToken("CHG-12"),
                is(false));
        assertThat(html("XCHG-12").mentionsToken("CHG-12"), is(false));
        assertThat(html("CHG-12a CHG-12-b CHG_12 aCHG-12").mentionsToken("CHG-12"), is(false));
        assertThat(html("(CHG-12)").mentionsToken("CHG-12"), is(true));
        assertThat(html("CHG-12.").mentionsToken("CHG-12"), is(true));
        assertThat(html("<b>CHG-12</b>").mentionsToken("chg-12"), is(true));
        assertThat(html("CHG-123 then CHG-12").mentionsToken("CHG-12"), is(true));
        assertThat(html("anything").mentionsToken("  "), is(false));
    }

    @Test
    public void removesTagsScriptsStylesAndComments() {
        PageText page = html("<html><head><script type='text/javascript'>var secret = 'CHG-1';</script>"
                + "<STYLE>.CHG-2 {}</STYLE></head><body><!-- CHG-3 --><a href=\"CHG-4\">link</a><p>Risk</p>"
                + "<p>assessment</p></body></html>");
        assertThat(page.text(), not(containsString("CHG")));
        assertThat(page.text(), containsString("link Risk assessment"));
        assertThat(page.isHtml(), is(true));
    }

    @Test
    public void decodesCommonEntities() {
        PageText page = html("A&amp;B &lt;tag&gt; &quot;q&quot; &#39;s&#x27; caf&eacute; CHG&#45;9&nbsp;x &bogus; &");
        assertThat(page.text(), is("A&B <tag> \"q\" 's' caf&eacute; CHG-9 x &bogus; &"));
        assertThat(page.mentionsToken("CHG-9"), is(true));
        assertThat(html("&#0; &#xD800; &#99999999;").text(), is("\ufffd \ufffd \ufffd"));
    }

    @Test
    public void keepsTheFirstTitle() {
        PageText page = html("<title>\n  CHG-5 &ndash; Upgrade\n</title><title>second</title>");
        assertThat(page.title(), is("CHG-5 \u2013 Upgrade"));
        assertThat(html("<p>no title</p>").title(), is(nullValue()));
        assertThat(html("<title>" + "x".repeat(300) + "</title>").title(), is("x".repeat(300)));
    }

    @Test
    public void cutsALongTitleToAtMost300CharactersWithTheEllipsis() {
        assertThat(html("<title>" + "x".repeat(5000) + "</title>").title(), is("x".repeat(299) + "\u2026"));
        assertThat(html("<title>" + "x".repeat(301) + "</title>").title().length(), is(300));
        // never half of a character outside the BMP: the cut moves before the pair
        String title = html("<title>" + "x".repeat(298) + "\uD83D\uDE00" + "y".repeat(10) + "</title>").title();
        assertThat(title, is("x".repeat(298) + "\u2026"));
    }

    @Test
    public void treatsPlainTextAsText() {
        PageText page = PageText.of("<b>CHG-6</b>".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(page.isHtml(), is(false));
        assertThat(page.text(), is("<b>CHG-6</b>"));
        assertThat(page.title(), is(nullValue()));
    }

    @Test
    public void sniffsHtmlWithoutAContentType() {
        PageText page = PageText.of("  <!DOCTYPE html><title>t</title>CHG-1".getBytes(StandardCharsets.UTF_8), null);
        assertThat(page.isHtml(), is(true));
        assertThat(page.title(), is("t"));
    }

    @Test
    public void usesTheCharsetOfTheContentTypeAndReplacesMalformedBytes() {
        byte[] latin1 = "Änderung CHG-7".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PageText.of(latin1, "text/plain; charset=\"iso-8859-1\"").text(), is("Änderung CHG-7"));
        assertThat(PageText.of(latin1, "text/plain").text(), is("\ufffdnderung CHG-7"));
        assertThat(PageText.of(latin1, "text/plain; charset=no-such-charset").text(), is("\ufffdnderung CHG-7"));
        assertThat(PageText.of(latin1, "text/plain; charset=@@").mentionsToken("CHG-7"), is(true));
    }

    @Test
    public void survivesBrokenMarkup() {
        assertThat(html("a < b and c <d").text(), is("a < b and c"));
        assertThat(html("<script>never closed CHG-1").text(), is(""));
        assertThat(html("<!-- never closed CHG-1").text(), is(""));
        assertThat(html("x <title>CHG-2").title(), is("CHG-2"));
    }
}
