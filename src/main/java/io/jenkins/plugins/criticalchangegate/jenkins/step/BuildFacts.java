package io.jenkins.plugins.criticalchangegate.jenkins.step;

import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.BuildCause;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.BuildStarters;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.CommitAuthors;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.scm.RunWithSCM;

/**
 * Reads who started a build and who wrote its commits from Jenkins into plain values ({@link BuildCause},
 * {@link CommitAuthors}); the rules over them live in the facts package.
 */
final class BuildFacts {
    private static final Logger LOGGER = Logger.getLogger(BuildFacts.class.getName());

    private BuildFacts() {
    }

    /** Everyone who started the build, through upstream causes ({@code Cause.UpstreamCause#getUpstreamCauses()}). */
    static BuildStarters starters(Run<?, ?> run) {
        return BuildStarters.of(causes(run.getCauses()));
    }

    static List<BuildCause> causes(List<Cause> causes) {
        List<BuildCause> out = new ArrayList<>();
        for (Cause cause : causes) {
            if (cause instanceof Cause.UserIdCause) {
                out.add(BuildCause.user(((Cause.UserIdCause) cause).getUserId()));
            } else if (cause instanceof Cause.UpstreamCause) {
                Cause.UpstreamCause upstream = (Cause.UpstreamCause) cause;
                out.add(BuildCause.upstream(upstream.getUpstreamProject() + " #" + upstream.getUpstreamBuild(),
                        causes(upstream.getUpstreamCauses())));
            } else {
                out.add(BuildCause.other(cause.getShortDescription()));
            }
        }
        return out;
    }

    /** How many earlier builds of the job are read back for commits, at most. */
    static final int MAX_EARLIER_BUILDS = 100;

    /**
     * The messages of the commits this change ships to {@code system}, for the stricter rule for AI-assisted changes
     * (its trailers): those of this build's change sets and of every earlier build of the job since the last one that
     * held an APPROVED gate for the system (at most {@link #MAX_EARLIER_BUILDS}). A build's change sets hold only the
     * commits since the job's previous build, whatever that build's result: reading this build alone would let a
     * rejected or expired AI-assisted change pass under the usual rule by building the same commit again. The full
     * message where the SCM keeps one apart from {@code ChangeLogSet.Entry#getMsg()}: the git plugin's {@code getMsg()}
     * is the subject line only, its {@code getComment()} the whole message with the trailers; that method is looked up
     * by name, so the plugin needs no dependency on git.
     */
    static List<CommitMessage> commitMessages(Run<?, ?> run, String system) {
        List<CommitMessage> out = new ArrayList<>();
        addCommitMessages(run, out);
        Run<?, ?> earlier = run.getPreviousBuild();
        for (int i = 0; earlier != null && i < MAX_EARLIER_BUILDS && !approved(earlier, system); i++) {
            addCommitMessages(earlier, out);
            earlier = earlier.getPreviousBuild();
        }
        return out;
    }

    /** Whether the build held an APPROVED gate for the system: what it shipped was reviewed under its rules. */
    private static boolean approved(Run<?, ?> build, String system) {
        GateAction action = build.getAction(GateAction.class);
        return action != null && action.approvedFor(system);
    }

    private static void addCommitMessages(Run<?, ?> run, List<CommitMessage> out) {
        if (!(run instanceof RunWithSCM)) {
            return;
        }
        // a copy: a checkout in a parallel branch may add a change set meanwhile
        List<ChangeLogSet<? extends ChangeLogSet.Entry>> sets = new ArrayList<>(((RunWithSCM<?, ?>) run).getChangeSets());
        for (ChangeLogSet<? extends ChangeLogSet.Entry> set : sets) {
            for (ChangeLogSet.Entry entry : set) {
                String id = entry.getCommitId();
                String name = id == null || id.isBlank() ? "#" + (out.size() + 1) + " of " + run.getFullDisplayName()
                        : id;
                out.add(CommitMessage.of(name, fullMessage(entry)));
            }
        }
    }

    private static String fullMessage(ChangeLogSet.Entry entry) {
        try {
            Object comment = entry.getClass().getMethod("getComment").invoke(entry);
            if (comment instanceof String && !((String) comment).isBlank()) {
                return (String) comment;
            }
        } catch (NoSuchMethodException e) {
            // no such method: the core message is all the SCM keeps
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not read the full message of commit " + entry.getCommitId() + " ("
                    + entry.getClass().getName() + ".getComment()); its trailers are read from getMsg() only", e);
        }
        String msg = entry.getMsg();
        return msg == null ? "" : msg;
    }

    /**
     * The ids of the commits in the build's change sets ({@code ChangeLogSet.Entry#getCommitId()}): what the build
     * brings since the job's previous build; empty for a build without a checkout.
     */
    static List<String> commitIds(Run<?, ?> run) {
        List<String> ids = new ArrayList<>();
        if (run instanceof RunWithSCM) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : ((RunWithSCM<?, ?>) run).getChangeSets()) {
                for (ChangeLogSet.Entry entry : set) {
                    String id = entry.getCommitId();
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

    /**
     * The authors of the commits in the build's change sets ({@code RunWithSCM#getChangeSets()}; a Pipeline build
     * knows them once its {@code checkout} ran). A build of another type has none.
     */
    static CommitAuthors commitAuthors(Run<?, ?> run) {
        List<String> ids = new ArrayList<>();
        if (run instanceof RunWithSCM) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : ((RunWithSCM<?, ?>) run).getChangeSets()) {
                for (ChangeLogSet.Entry entry : set) {
                    User author = entry.getAuthor();
                    ids.add(author.getId());
                }
            }
        }
        return CommitAuthors.of(ids);
    }
}
