package io.jenkins.plugins.criticalchangegate.jenkins.persistence;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.logging.Logger;
import org.junit.Test;

/**
 * The check can fail, and says where: fixtures with the mistakes {@link PersistenceTest} guards against, walked with
 * its very walkers and rules, and the exact messages a build would print.
 */
public class PersistenceWalkerTest {
    private static final String RIVER = "program.dat (JBoss Marshalling River, Java serialization rules)";
    private static final String BUILD_XML = "build.xml (Jenkins' XStream2 with JEP-200's ClassFilterImpl)";
    private static final String NOT_SERIALIZABLE =
            " is not Serializable: River throws NotSerializableException when it saves the program";
    private static final String NOT_WHITELISTED = " is a JRE class missing from whitelisted-classes.txt:"
            + " ClassFilterImpl rejects it, so XStream2 refuses to write or read it";

    @Test
    public void namesEveryFieldProgramDatCannotHold() {
        Walk walk = PersistenceTest.PROGRAM_DAT.walk(UnsavableExecution.class);
        AssertionError failure = assertThrows(AssertionError.class, () -> walk.assertPersistable(0));
        assertThat(failure.getMessage(), is(RIVER + " cannot keep UnsavableExecution:\n"
                + "  UnsavableExecution.comment: java.util.Optional" + NOT_SERIALIZABLE + "\n"
                + "  UnsavableExecution.attempts[]: " + Attempt.class.getName() + NOT_SERIALIZABLE + "\n"
                + "  UnsavableExecution.log: java.util.logging.Logger" + NOT_SERIALIZABLE));
    }

    /**
     * Java serialization itself agrees with the walk, on the one class it meets first (it writes a superclass's
     * fields before the subclass's); River, with the default serializability checker, refuses the same classes.
     */
    @Test
    public void javaSerializationRefusesWhatTheWalkRefuses() {
        NotSerializableException refused = assertThrows(NotSerializableException.class,
                () -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(new UnsavableExecution()));
        assertThat(refused.getMessage(), is("java.util.logging.Logger"));
    }

    @Test
    public void namesTheFieldPathAndTheClassBuildXmlCannotHold() {
        Walk walk = PersistenceTest.BUILD_XML.walk(UnstorableAction.class);
        AssertionError failure = assertThrows(AssertionError.class, () -> walk.assertPersistable(0));
        assertThat(failure.getMessage(), is(BUILD_XML + " cannot keep UnstorableAction:\n"
                + "  UnstorableAction.gates[].trail[].at: java.time.Instant" + NOT_WHITELISTED + "\n"
                + "  UnstorableAction.gates[].trail[].actorGroups: java.util.concurrent.ConcurrentSkipListSet"
                + NOT_WHITELISTED));
    }

    @Test
    public void aFieldDeclaredAsAnInterfaceOrObjectMustBeAccepted() {
        Walk walk = PersistenceTest.BUILD_XML.walk(LooseAction.class);
        AssertionError failure = assertThrows(AssertionError.class, () -> walk.assertPersistable(0));
        assertThat(failure.getMessage(), is(BUILD_XML + ": the stored class of these fields of LooseAction depends"
                + " on their values, not on their declared types; declare a concrete type, or accept the path with a"
                + " reason (accepted: []):\n"
                + "  LooseAction.approvers: declared java.util.List<java.lang.String>\n"
                + "  LooseAction.detail: declared java.lang.Object"));
        walk.assertPersistable(0, "LooseAction.approvers", "LooseAction.detail");
    }

    /** With a sample, the class a field holds is what is checked: an Instant in an Object field is refused. */
    @Test
    public void aSampleIsCheckedByTheClassesItHolds() {
        Walk walk = PersistenceTest.BUILD_XML.walk(LooseAction.class, new LooseAction(Instant.EPOCH));
        assertThat(walk.violations(), contains("LooseAction.detail: java.time.Instant" + NOT_WHITELISTED));
        assertThat(walk.openPaths(), contains("LooseAction.approvers", "LooseAction.detail"));
    }

    @Test
    public void aWalkThatReachesTooLittleFails() {
        Walk walk = PersistenceTest.BUILD_XML.walk(Attempt.class);
        AssertionError failure = assertThrows(AssertionError.class, () -> walk.assertPersistable(2));
        assertThat(failure.getMessage(), is(BUILD_XML + ": the walk of Attempt reached 1 field(s), fewer than the 2"
                + " expected: it does not reach what the store writes"));
    }

    @Test
    public void aPrimitiveNeedsItsBoxWhitelisted() {
        Jep200Rule nothingWhitelisted = new Jep200Rule("build.xml", java.util.Set.of());
        assertThat(nothingWhitelisted.refusal(int.class, false), is("is read as java.lang.Integer, a JRE class"
                + " missing from whitelisted-classes.txt: ClassFilterImpl rejects it, so XStream2 refuses to write or"
                + " read it"));
        assertThat(nothingWhitelisted.refusal(Thread.State.class, false), is((String) null)); // enums always pass
    }

    /** A base class of the plugin's own: its fields are written with the subclass's. */
    abstract static class GateExecutionBase implements Serializable {
        private static final long serialVersionUID = 1L;
        /** A logger kept per instance, rather than in a static field. */
        private final Logger log = Logger.getLogger("gate");
    }

    /** An execution program.dat cannot hold. */
    static final class UnsavableExecution extends GateExecutionBase {
        private static final long serialVersionUID = 1L;
        /** Static: never written, so never reported. */
        private static final Object LOCK = new Object();
        private final String gateId = "gate-1";
        /** Transient: never written, so never reported. */
        private transient Thread worker;
        private final Optional<String> comment = Optional.empty();
        private final ArrayList<Attempt> attempts = new ArrayList<>();
    }

    /** Not Serializable. */
    static final class Attempt {
        private final String by = "alice";
    }

    /** An action build.xml cannot hold: its trail keeps an Instant and a set the JEP-200 whitelist lacks. */
    static final class UnstorableAction {
        private final ArrayList<Gate> gates = new ArrayList<>();
        private transient Instant cachedAt;
    }

    static final class Gate {
        private final String id = "gate-1";
        private final ArrayList<Entry> trail = new ArrayList<>();
    }

    static final class Entry {
        private final long atMillis = 0;
        private final Instant at = Instant.EPOCH;
        private final ConcurrentSkipListSet<String> actorGroups = new ConcurrentSkipListSet<>();
    }

    /** Fields whose declared types leave the stored class open. */
    static final class LooseAction {
        private final List<String> approvers = new ArrayList<>();
        private final Object detail;

        LooseAction() {
            this(null);
        }

        LooseAction(Object detail) {
            this.detail = detail;
        }
    }
}
