package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SubjectRequestTest {
    private static final String JAR = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private static Map.Entry<String, String> artifact(String name, String sha256) {
        return new AbstractMap.SimpleImmutableEntry<>(name, sha256);
    }

    @Test
    public void namedArtifactsComeFirstThenHashedFilesAndTheCommitOnlyWithoutThem() {
        SubjectRequest request = SubjectRequest.check(List.of(artifact("app.jar", JAR.toUpperCase())), null, COMMIT);
        SubjectEntry hashed = SubjectEntry.artifact("target/lib.jar", JAR);
        assertThat(request.subjects(List.of(hashed), List.of()),
                contains(SubjectEntry.artifact("app.jar", JAR), hashed));
        assertThat(SubjectRequest.check(List.of(), null, COMMIT).subjects(List.of(), List.of("f".repeat(40))),
                contains(SubjectEntry.commit(COMMIT)));
    }

    @Test
    public void withNothingNamedTheChangeSetCommitsWithAFullIdAreTheSubjects() {
        List<SubjectEntry> subjects = SubjectRequest.none().subjects(List.of(),
                List.of(COMMIT, "r1234", COMMIT, "e".repeat(64)));
        assertThat(subjects, contains(SubjectEntry.commit(COMMIT), SubjectEntry.commit("e".repeat(64))));
        assertThat(SubjectRequest.none().subjects(List.of(), List.of("r1234")), is(empty()));
    }

    @Test
    public void everyBadParameterIsNamedOnItsOwnLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubjectRequest.check(
                List.of(artifact("app.jar", "123"), artifact(" ", JAR), artifact("a", JAR), artifact("a", JAR)),
                "target/\n*.jar", "HEAD"));
        String[] lines = e.getMessage().split("\n");
        assertThat(lines.length, is(5));
        assertThat(lines[0], containsString("'subjects', entry 1: the sha256 of subject 'app.jar' must be 64"));
        assertThat(lines[1], containsString("'subjects', entry 2: a subject needs a name"));
        assertThat(lines[2], containsString("artifact 'a' is named twice"));
        assertThat(lines[3], containsString("'subjectFiles' must be one line"));
        assertThat(lines[4], containsString("'commit': 'HEAD' is not a full commit id"));
    }
}
