package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Every {@code ${…}} path of every view of the plugin resolves through public getters, fields and methods, since
 * JEXL sees nothing else and turns what it cannot resolve into null, silently: {@code ${it.run}} without a public
 * {@code getRun()} made {@code <st:include it="${it.run}" page="sidepanel.jelly"/>} fall back to the action itself,
 * which has no side panel, and the approval page answered 500 (Stapler's {@code IncludeTag}).
 */
public class ViewsResolveTest {

    @Test
    public void everyPathOfEveryViewResolves() throws Exception {
        ViewCheck check = new ViewCheck(new ViewTypes(JellyViews.api()));
        List<JellyViews.View> views = JellyViews.all();
        assertThat(views.size(), greaterThan(8));
        List<String> problems = new ArrayList<>();
        for (JellyViews.View view : views) {
            problems.addAll(check.check(view));
        }
        assertThat(String.join("\n", problems), problems, empty());
    }
}
