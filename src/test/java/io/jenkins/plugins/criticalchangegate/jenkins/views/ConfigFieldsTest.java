package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Every form ({@code config.jelly}) matches its class: each field is read back by a public getter, bound by the
 * {@code @DataBoundConstructor} or a {@code @DataBoundSetter}, and has its help file; each bound parameter has its
 * field ({@link ConfigFieldCheck}).
 */
public class ConfigFieldsTest {

    @Test
    public void everyFormFieldIsReadBackBoundAndHelped() throws Exception {
        ConfigFieldCheck check = new ConfigFieldCheck(new ViewTypes(JellyViews.api()));
        List<String> problems = new ArrayList<>();
        int forms = 0;
        for (JellyViews.View view : JellyViews.all()) {
            forms += view.isFormFragment() ? 1 : 0;
            problems.addAll(check.check(view));
        }
        assertThat(forms, greaterThan(4));
        assertThat(String.join("\n", problems), problems, empty());
    }
}
