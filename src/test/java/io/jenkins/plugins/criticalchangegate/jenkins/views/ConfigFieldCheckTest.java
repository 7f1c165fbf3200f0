package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The form check itself, on a fixture class and forms written for it. */
public class ConfigFieldCheckTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** Binds {@code name} (read back) and {@code limit} (not read back). */
    public static class Form {
        private final String name;

        @DataBoundConstructor
        public Form(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        @DataBoundSetter
        public void setLimit(int limit) {
            // kept nowhere: the form cannot show it again
        }
    }

    private List<String> check(String entries) throws Exception {
        Path dir = folder.newFolder("Form").toPath();
        Files.writeString(dir.resolve("config.jelly"), "<?jelly escape-by-default='true'?>\n"
                + "<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">\n" + entries + "</j:jelly>\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("help-name.html"), "<div>The name shown on every page that lists it.</div>",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("help-limit.html"), "<div>Limit.</div>", StandardCharsets.UTF_8);
        JellyViews.View view = new JellyViews.View(dir.resolve("config.jelly"), "Form/config.jelly", Form.class);
        return new ConfigFieldCheck(new ViewTypes(JenkinsApi.of(Set.of()))).check(view);
    }

    @Test
    public void everyFieldIsReadBackBoundAndHelped() throws Exception {
        List<String> problems = check("  <f:entry field=\"name\"><f:textbox/></f:entry>\n"
                + "  <f:entry field=\"limit\"><f:number/></f:entry>\n"
                + "  <!-- <f:entry field=\"commented\"/> -->\n"
                + "  <f:entry field=\"colour\"><f:textbox/></f:entry>\n"
                + "  <f:entry title=\"Status\" help=\"${descriptor.getHelpFile('status')}\"/>\n");
        assertThat(problems, contains(
                "Form/config.jelly:7: getHelpFile('status'): no help-status.html beside it",
                "Form/config.jelly:4: field=\"limit\": ConfigFieldCheckTest.Form has no public getLimit()/isLimit(),"
                        + " so the form cannot show the saved value",
                "Form/config.jelly:4: field=\"limit\": help-limit.html says almost nothing (6 characters of text, at"
                        + " least 40 expected)",
                "Form/config.jelly:6: field=\"colour\": ConfigFieldCheckTest.Form has no public getColour()/isColour(),"
                        + " so the form cannot show the saved value",
                "Form/config.jelly:6: field=\"colour\": ConfigFieldCheckTest.Form has no @DataBoundConstructor"
                        + " parameter or @DataBoundSetter named 'colour', so what the form sends is dropped",
                "Form/config.jelly:6: field=\"colour\": no help-colour.html beside it"));
    }

    @Test
    public void everyBoundParameterHasItsField() throws Exception {
        List<String> problems = check("  <f:entry field=\"name\"><f:textbox/></f:entry>\n");
        assertThat(problems, contains(
                "Form/config.jelly: ConfigFieldCheckTest.Form binds 'limit' (@DataBoundSetter) but the form has no"
                        + " field=\"limit\""));
    }

    @Test
    public void constructorParameterNamesAreKnownAsStaplerKnowsThem() {
        assertThat(ConfigFieldCheck.bound(Form.class).keySet(), contains("name", "limit"));
    }
}
