package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import org.junit.Test;

public class BuildStartersTest {
    @Test
    public void theUserWhoClickedBuildStartedIt() {
        BuildStarters starters = BuildStarters.of(List.of(BuildCause.user("alice")));
        assertThat(starters.userIds(), containsInAnyOrder("alice"));
    }

    @Test
    public void theUserWhoStartedAnUpstreamBuildStartedThisOneToo() {
        BuildCause chain = BuildCause.upstream("release #7",
                List.of(BuildCause.upstream("build #41", List.of(BuildCause.user("dave")))));
        BuildStarters starters = BuildStarters.of(List.of(chain, BuildCause.other("Started by timer")));
        assertThat(starters.userIds(), containsInAnyOrder("dave"));
    }

    @Test
    public void everyUserInEveryCauseCountsDirectStartersFirst() {
        BuildStarters starters = BuildStarters.of(List.of(
                BuildCause.upstream("p #1", List.of(BuildCause.user("bob"))), BuildCause.user("alice")));
        assertThat(starters.userIds(), contains("alice", "bob"));
    }

    /** The gate's author is the direct starter; the upstream ones are refused as approvers all the same. */
    @Test
    public void theDirectStarterIsThePrimaryOneAndTheOthersAreUpstream() {
        BuildStarters starters = BuildStarters.of(List.of(
                BuildCause.upstream("p #1", List.of(BuildCause.user("bob"), BuildCause.user("carol"))),
                BuildCause.user("alice")));
        assertThat(starters.primary(), is("alice"));
        assertThat(starters.upstream(), contains("bob", "carol"));
        BuildStarters timer = BuildStarters.of(List.of(BuildCause.other("Started by timer")));
        assertThat(timer.primary(), is(nullValue()));
        assertThat(timer.upstream(), is(empty()));
    }

    @Test
    public void aTimerOrScmBuildHasNoStarter() {
        BuildStarters starters = BuildStarters.of(List.of(BuildCause.other("Started by an SCM change")));
        assertThat(starters.userIds(), is(empty()));
        assertThat(starters.startedAnonymously(), is(false));
    }

    @Test
    public void anAnonymousStartIsRememberedWithoutAnId() {
        BuildStarters starters = BuildStarters.of(List.of(BuildCause.user(null)));
        assertThat(starters.userIds(), is(empty()));
        assertThat(starters.startedAnonymously(), is(true));
    }
}
