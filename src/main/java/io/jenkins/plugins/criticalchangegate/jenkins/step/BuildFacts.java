package io.jenkins.plugins.criticalchangegate.jenkins.step;

import hudson.model.Cause;
import hudson.model.Run;
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
