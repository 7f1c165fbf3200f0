package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.security.Permission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The audit page's views (issue 17) guard themselves: each is a layout that checks the audit permission
 * ({@code permission="${it.permission}"}, which layout.jelly checks against {@code it} or, for an object that is not
 * access-controlled, the nearest one among the request's ancestors: Jenkins), and each view object has the public
 * {@code getPermission()} that expression needs; a POST form never goes out without Jenkins' form tag (which adds the
 * crumb). {@link ViewsResolveTest} checks every other path of these views.
 */
public class AuditPageViewsTest {
    private static final String PACKAGE = "io.jenkins.plugins.criticalchangegate.jenkins.auditpage.";
    private static final Pattern LAYOUT = Pattern.compile("<l:layout\\b[^>]*>");

    private static List<JellyViews.View> auditPageViews() throws Exception {
        List<JellyViews.View> views = new ArrayList<>();
        for (JellyViews.View view : JellyViews.all()) {
            if (view.owner != null && view.owner.getName().startsWith(PACKAGE)) {
                views.add(view);
            }
        }
        return views;
    }

    @Test
    public void everyViewOfTheAuditPageChecksTheAuditPermission() throws Exception {
        List<String> owners = new ArrayList<>();
        for (JellyViews.View view : auditPageViews()) {
            owners.add(view.owner.getSimpleName() + "/" + view.file.getFileName());
            String text = Files.readString(view.file, StandardCharsets.UTF_8);
            Matcher layout = LAYOUT.matcher(text);
            assertThat(view.name + " is a layout", layout.find(), is(true));
            assertThat(view.name, layout.group(), containsString("permission=\"${it.permission}\""));
            assertThat(view.name + ": getPermission() returns the permission",
                    view.owner.getMethod("getPermission").getReturnType(), is((Object) Permission.class));
            assertThat(view.name + ": a POST goes through f:form (crumb)", text, not(containsString("<form method=\"post\"")));
        }
        assertThat(owners, containsInAnyOrder("AuditPage/index.jelly", "SearchView/index.jelly",
                "GateView/index.jelly", "UnverifiedReport/index.jelly"));
    }
}
