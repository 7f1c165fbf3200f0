package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hudson.model.Run;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/**
 * The lookup of a gated credential ({@code Credentials.forRun}, and the {@code copy()} it makes) does no blocking work:
 * the credentials plugin calls it on whatever thread looks the credential up, and Declarative's
 * {@code environment { X = credentials('id') }} does so on the CPS VM thread (pipeline-model-definition
 * {@code ModelInterpreter.groovy:470}: {@code CredentialsBindingHandler.forId(id, currentBuild.rawBuild)}, in a
 * CPS-transformed method), where a journal fsync or a build.xml save stalls every pipeline of the controller. The
 * calls {@code forRun} can reach inside the plugin are followed (a lambda's body runs later, where the secret is
 * read, and is not a call); none may reach the journal, a save, a file or the network. The first version journaled
 * and saved build.xml right inside {@code forRun}.
 */
public class LookupDoesNoBlockingWorkTest {
    private static final String PLUGIN = "io.jenkins.plugins.criticalchangegate";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(PLUGIN);

    /** What blocks: the journal, any save, files, the network, waiting. */
    static String blocking(JavaCall<?> call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        boolean blocks = owner.equals(PLUGIN + ".jenkins.audit.GateJournal")
                || name.equals("save") && !owner.startsWith(PLUGIN)
                || owner.startsWith("java.nio.channels.") || owner.equals("java.nio.file.Files")
                || owner.startsWith("java.io.File") || owner.equals("java.io.RandomAccessFile")
                || owner.startsWith("java.net.") || owner.startsWith("java.net.http.")
                || owner.equals("java.lang.Thread") && name.equals("sleep")
                || owner.startsWith("java.util.concurrent.") && (name.equals("get") || name.equals("await")
                        || name.equals("join"));
        return blocks ? owner + "." + name : null;
    }

    /** Every blocking call reachable from the seeds through the plugin's own code, with the path that reaches it. */
    static List<String> blockingCallsReachableFrom(List<JavaCodeUnit> seeds) {
        List<String> found = new ArrayList<>();
        Map<JavaCodeUnit, JavaCodeUnit> from = new HashMap<>();
        Set<JavaCodeUnit> seen = new HashSet<>(seeds);
        Deque<JavaCodeUnit> todo = new ArrayDeque<>(seeds);
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            for (JavaCall<?> call : unit.getCallsFromSelf()) {
                String blocks = blocking(call);
                if (blocks != null) {
                    found.add(unit.getFullName() + " calls " + blocks + path(from, unit));
                    continue;
                }
                if (!call.getTargetOwner().getName().startsWith(PLUGIN)) {
                    continue;
                }
                call.getTarget().resolveMember().ifPresent(target -> {
                    if (seen.add(target)) {
                        from.put(target, unit);
                        todo.push(target);
                    }
                });
            }
        }
        return found;
    }

    /** How the walk got there: " (from a.b() from c.d())", empty for a seed. */
    private static String path(Map<JavaCodeUnit, JavaCodeUnit> from, JavaCodeUnit unit) {
        StringBuilder out = new StringBuilder();
        for (JavaCodeUnit u = from.get(unit); u != null; u = from.get(u)) {
            out.append(out.length() == 0 ? " (from " : " from ").append(u.getOwner().getSimpleName()).append('.')
                    .append(u.getName()).append("()");
        }
        return out.length() == 0 ? "" : out.append(')').toString();
    }

    private static List<JavaCodeUnit> lookup() {
        List<JavaCodeUnit> seeds = new ArrayList<>();
        JavaClass gated = CLASSES.get(GatedCredentials.class);
        seeds.add(gated.getMethod("forRun", Run.class));
        for (Class<?> kind : List.of(GatedStringCredentials.class, GatedUsernamePasswordCredentials.class,
                GatedFileCredentials.class, GatedSshUserPrivateKey.class)) {
            seeds.add(CLASSES.get(kind).getMethod("copy")); // abstract in GatedCredentials: each kind's own
        }
        return seeds;
    }

    @Test
    public void theLookupDoesNoBlockingWork() {
        assertThat(blockingCallsReachableFrom(lookup()), empty());
    }

    /**
     * The walk does find the journal and the save where they are: in the judgement a copy runs when its secret is
     * first read (by withCredentials, in its own thread), which forRun only makes.
     */
    @Test
    public void theJudgementWhereTheSecretIsReadDoesJournalAndSave() {
        List<String> found = blockingCallsReachableFrom(List.of(CLASSES.get(GatedCredentialRelease.Judgement.class)
                .getMethod("get")));
        assertThat(found, hasItem(startsWith(PLUGIN + ".jenkins.gatedcredentials.GatedCredentialRelease.journal("
                + PLUGIN + ".release.ReleaseDecision, " + PLUGIN + ".release.CredentialLookup) calls " + PLUGIN
                + ".jenkins.audit.GateJournal.append (from GatedCredentialRelease.judge()")));
        assertThat(found, hasItem(startsWith(PLUGIN + ".jenkins.gatedcredentials.CredentialUseAction.record("
                + "hudson.model.Run, " + PLUGIN + ".release.ReleaseDecision) calls hudson.model.Run.save")));
    }
}
