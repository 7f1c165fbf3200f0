package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryUrl;
import hudson.model.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.junit.Test;

/**
 * The path check itself, on small views of fixture classes, against a few real lines of the Jenkins API manifest:
 * that it catches the kind of defect it exists for, types loop variables, follows JEXL's rules, and never answers
 * from a stub.
 */
public class ViewCheckTest {
    private static final String HEAD = "<?jelly escape-by-default='true'?>\n"
            + "<j:jelly xmlns:j=\"jelly:core\" xmlns:st=\"jelly:stapler\" xmlns:l=\"/lib/layout\">\n";
    private static final String TAIL = "</j:jelly>\n";

    /** Real manifest lines (Jenkins 2.479.3), fewer than the stubs declare in places, more in others. */
    private static final JenkinsApi API = JenkinsApi.of(Set.of("hudson", "hudson.model", "jenkins.model"),
            "hudson.model.Run class public abstract extends hudson.model.Actionable implements hudson.ExtensionPoint",
            "hudson.model.Run#getDisplayName() java.lang.String public",
            "hudson.model.Run#getParent() hudson.model.Job public generic ()T0",
            "hudson.model.Job class public abstract extends hudson.model.AbstractItem implements hudson.ExtensionPoint",
            "hudson.model.AbstractItem class public abstract extends hudson.model.Actionable",
            "hudson.model.AbstractItem#getFullName() java.lang.String public",
            "jenkins.model.Jenkins class public extends hudson.model.AbstractCIBase",
            "jenkins.model.Jenkins#ADMINISTER hudson.security.Permission public static final");

    /** As GateAction was: the build only through a package-private method. */
    public static class HiddenRun {
        Run<?, ?> run() {
            return null;
        }
    }

    public static class VisibleRun {
        public Run<?, ?> getRun() {
            return null;
        }

        public JSONObject getJson() {
            return null;
        }
    }

    public static class Board {
        public final String title = "";

        public List<Entry> getEntries() {
            return List.of();
        }

        public Entry[] getArray() {
            return new Entry[0];
        }

        public Map<String, Entry> getByName() {
            return Map.of();
        }

        public boolean isOpen() {
            return true;
        }

        /** JEXL reads isX() only when it returns a primitive boolean. */
        public Boolean isClosed() {
            return false;
        }

        public Hidden getHidden() {
            return new Hidden();
        }
    }

    public static class Entry {
        public String getName() {
            return "";
        }
    }

    /** Not public: JEXL cannot call its public getter. */
    static class Hidden {
        public String getName() {
            return "";
        }
    }

    private static List<String> check(Class<?> owner, String view, String body) throws Exception {
        JellyViews.View v = new JellyViews.View(Path.of(view), view, owner);
        return new ViewCheck(new ViewTypes(API)).check(v, HEAD + body + TAIL);
    }

    @Test
    public void aPathThroughANonPublicMemberFailsNamingFileLineAndExpression() throws Exception {
        List<String> problems = check(HiddenRun.class, "fixture/HiddenRun/index.jelly",
                "  <l:layout title=\"${it.run.fullDisplayName}\">\n"
                + "    <st:include it=\"${it.run}\" page=\"sidepanel.jelly\"/>\n"
                + "  </l:layout>\n");
        assertThat(problems, contains(
                "fixture/HiddenRun/index.jelly:3: ${it.run.fullDisplayName}: ViewCheckTest.HiddenRun has no public"
                        + " getRun()/isRun()/field 'run' (not public: run())",
                "fixture/HiddenRun/index.jelly:4: ${it.run}: ViewCheckTest.HiddenRun has no public"
                        + " getRun()/isRun()/field 'run' (not public: run())"));
    }

    @Test
    public void jenkinsTypesAreReadFromTheRecordedApiNeverFromTheStubs() throws Exception {
        // the stub of Run declares getFullDisplayName() and not getDisplayName(); these lines of the API the reverse
        List<String> problems = check(VisibleRun.class, "fixture/VisibleRun/index.jelly",
                "${it.run.displayName} ${it.run.parent.fullName}\n${it.run.fullDisplayName}\n");
        assertThat(problems, contains("fixture/VisibleRun/index.jelly:4: ${it.run.fullDisplayName}: Run has no public"
                + " getFullDisplayName()/isFullDisplayName()/field 'fullDisplayName' (not looked into:"
                + " hudson.model.Actionable is not in test lines; hudson.ExtensionPoint is not in test lines)"));
    }

    @Test
    public void aLibraryClassThatIsOnlyAStubIsNotReflectedOn() throws Exception {
        // json-lib is not on Maven Central: the Central build has a stub of it, the full build the real jar
        String where = String.valueOf(JSONObject.class.getProtectionDomain().getCodeSource().getLocation());
        assumeTrue("json-lib is the real library here (" + where + "), not a stub", where.contains("jenkins-stubs"));
        List<String> problems = check(VisibleRun.class, "fixture/VisibleRun/index.jelly", "${it.json.has('x')}\n");
        assertThat(problems, hasSize(1));
        assertThat(problems.get(0), containsString("net.sf.json.JSONObject is only a compile-only stub here"));
    }

    @Test
    public void loopVariablesTakeTheElementTypeOfTheCollection() throws Exception {
        List<String> problems = check(Board.class, "fixture/Board/index.jelly",
                "<j:forEach var=\"e\" items=\"${it.entries}\" varStatus=\"s\">${e.name} ${s.index} ${e.nope}"
                + "</j:forEach>\n"
                + "<j:forEach var=\"a\" items=\"${it.array}\">${a.name}</j:forEach>\n"
                + "<j:forEach var=\"m\" items=\"${it.byName}\">${m.key} ${m.value.name}</j:forEach>\n"
                + "${e.name}\n");
        assertThat(problems, contains(
                "fixture/Board/index.jelly:3: ${e.nope}: ViewCheckTest.Entry has no public getNope()/isNope()/field"
                        + " 'nope'",
                "fixture/Board/index.jelly:6: ${e.name}: unknown variable 'e': not set by <j:set> or <j:forEach>"
                        + " around it, nor by Stapler or Jenkins for this view"));
    }

    @Test
    public void propertiesAndCallsFollowJexl() throws Exception {
        List<String> problems = check(Board.class, "fixture/Board/index.jelly",
                "<j:set var=\"all\" value=\"${it.entries}\"/>\n"
                + "${it.open} ${it.title} ${all.size()} ${it.entries.get(0).name} ${app.ADMINISTER} ${rootURL}\n"
                + "${it.closed}\n${all.size(1)}\n${it.hidden.name}\n${app.NOPE}\n");
        List<String> reasons = new ArrayList<>();
        for (String p : problems) {
            reasons.add(p.substring(p.indexOf(": ", p.indexOf(": ") + 1) + 2));
        }
        assertThat(reasons, contains(
                "ViewCheckTest.Board has no public getClosed()/isClosed()/field 'closed' (isClosed() returns Boolean,"
                        + " and JEXL reads isX() only when it returns boolean)",
                "List has no public method size() taking 1 argument(s)",
                "ViewCheckTest.Hidden has no public getName()/isName()/field 'name' (not public: class"
                        + " ViewCheckTest.Hidden)",
                "Jenkins has no public getNOPE()/isNOPE()/field 'NOPE' (not looked into: hudson.model.AbstractCIBase"
                        + " is not in test lines)"));
    }

    @Test
    public void aFormReadsInstanceAndDescriptorNotIt() throws Exception {
        List<String> problems = check(RegistryUrl.class, "config/RegistryUrl/config.jelly",
                "${instance.url} ${descriptor.defaultRefreshMinutes} ${descriptor.nope} ${it.url}\n");
        assertThat(problems, hasSize(2));
        assertThat(problems.get(0), containsString("${descriptor.nope}: RegistryUrl.DescriptorImpl has no public"));
        assertThat(problems.get(1), containsString("${it.url}: in a config.jelly, 'it' is the object of the page"));
    }

    @Test
    public void theScannerFindsEveryPathAndOnlyPaths() {
        List<String> paths = new ArrayList<>();
        for (ExpressionScanner.Expression e : ExpressionScanner.scan("a ${x.f(y.g, 'z.w') ? empty(u.v) : null}"
                + " ${%Text(it.count)} ${not q eq 1} ${m[k.i].j}")) {
            for (ExpressionScanner.Path p : e.paths) {
                paths.add(p.toString());
            }
        }
        assertThat(paths, contains("y.g", "x.f(…)", "u.v", "it.count", "q", "k.i", "m[…].j"));
        assertThat(ExpressionScanner.scan("no expression"), empty());
    }
}
