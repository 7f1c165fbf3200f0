package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * An {@code href} whose whole target comes from data ({@code href="${g.documentationUrl}"}) is a stored XSS when
 * the data can be {@code javascript:...}: escape-by-default escapes markup, not the scheme of a URL. A view links
 * only to Jenkins' own pages ({@code ${rootURL}/...}, {@code ${it.urlName}}) or through a getter named {@code ...Link}
 * that returns http(s) URLs only (issue 14 review: the inbox linked the documentation URL the journal recorded).
 */
public class LinkTargetsTest {
    private static final Pattern DATA_HREF = Pattern.compile("href=\"(\\$\\{[^}\"]*\\})");
    /** Views not owned by this review, each with why it is listed (reported to their owner). */
    private static final Map<String, String> KNOWN = Map.of();

    static List<String> dataLinks(String relative, String jelly) {
        List<String> out = new ArrayList<>();
        Matcher m = DATA_HREF.matcher(jelly);
        while (m.find()) {
            String expression = m.group(1);
            if (expression.equals("${rootURL}") || expression.equals("${it.urlName}")
                    || expression.endsWith("Link}")) {
                continue;
            }
            out.add(relative + " " + expression);
        }
        return out;
    }

    @Test
    public void everyLinkTargetTakenFromDataGoesThroughALinkGetter() throws IOException {
        List<String> found = new ArrayList<>();
        for (JellyViews.View view : JellyViews.all()) {
            String relative = JellyViews.resources().relativize(view.file).toString().replace('\\', '/');
            String name = relative.replaceFirst("^io/jenkins/plugins/criticalchangegate/jenkins/", "");
            for (String link : dataLinks(name, Files.readString(view.file, StandardCharsets.UTF_8))) {
                if (!KNOWN.containsKey(link)) {
                    found.add(link);
                }
            }
        }
        assertThat(found, is(empty()));
    }

    @Test
    public void theCheckFlagsARawDataLinkAndPassesJenkinsOwnPagesAndLinkGetters() {
        String jelly = "<a href=\"${g.documentationUrl}\">x</a> <a href=\"${rootURL}/${g.gateUrl}\">y</a>"
                + " <a href=\"${g.documentationLink}\">z</a> <a href=\"${it.urlName}/\">w</a>";
        assertThat(dataLinks("v.jelly", jelly), contains("v.jelly ${g.documentationUrl}"));
    }
}
