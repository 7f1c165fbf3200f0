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
import jenkins.scm.RunWithSCM;

/**
 * Reads who started a build and who wrote its commits from Jenkins into plain values ({@link BuildCause},
 * {@link CommitAuthors}); the rules over them live in the facts package.
 */
final class BuildFacts {
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

    /**
     * The messages of the commits in the build's change sets, in the order the SCM lists them, for the stricter
     * rule for AI-assisted changes (its trailers). The full message where the SCM keeps one apart from
     * {@code ChangeLogSet.Entry#getMsg()}: the git plugin's {@code getMsg()} is the subject line only, and its
     * {@code getComment()} the whole message with the trailers; that method is looked up by name, so the plugin needs
     * no dependency on git (any SCM's entry with a public {@code getComment()} returning text is read the same way).
     */
    static List<CommitMessage> commitMessages(Run<?, ?> run) {
        List<CommitMessage> out = new ArrayList<>();
        if (run instanceof RunWithSCM) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : ((RunWithSCM<?, ?>) run).getChangeSets()) {
                for (ChangeLogSet.Entry entry : set) {
                    String id = entry.getCommitId();
                    out.add(CommitMessage.of(id == null ? "(no commit id)" : id, fullMessage(entry)));
                }
            }
        }
        return out;
    }

    private static String fullMessage(ChangeLogSet.Entry entry) {
        try {
            Object comment = entry.getClass().getMethod("getComment").invoke(entry);
            if (comment instanceof String && !((String) comment).isBlank()) {
                return (String) comment;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no such method: the core message is all the SCM keeps
        }
        String msg = entry.getMsg();
        return msg == null ? "" : msg;
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
