package io.jenkins.plugins.criticalchangegate.jenkins.persistence;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;

/**
 * program.dat: a paused Pipeline's program, its running step executions included ({@code CpsThread.step}), as
 * workflow-cps saves it through workflow-support's {@code RiverWriter}, that is JBoss Marshalling River with no
 * serializability checker of its own, so the default one decides: the class of every object written must implement
 * {@link Serializable}, else River throws {@code NotSerializableException} and the build fails ("Failed to persist").
 * River, like Java serialization, writes the fields that are neither static nor transient. Where each rule is:
 * <ul>
 * <li>workflow-cps 4009.v0089238351a_9, {@code CpsThread.java:110} ({@code private StepExecution step}),
 * {@code CpsThreadGroup.java:588-589} (the program written by a {@code RiverWriter}), 594-601 (a failure fails the
 * build);
 * <li>workflow-support 943.v8b_0d01a_7b_a_08, {@code RiverWriter.java:112-113} (the checker line is commented out),
 * 139 ({@code RiverMarshallerFactory});
 * <li>jboss-marshalling 2.2.2.Final (workflow-support's version), {@code AbstractMarshaller.java:79-80} (no checker
 * configured: {@code SerializabilityChecker.DEFAULT}), {@code SerializabilityChecker.java:41-44}
 * ({@code Serializable.class.isAssignableFrom}), {@code river/RiverMarshaller.java:264, 278}
 * ({@code NotSerializableException}), {@code reflect/SerializableClass.java:147} (transient and static fields
 * skipped).
 * </ul>
 */
final class JavaSerializationRule implements StorageRule {
    @Override
    public String store() {
        return "program.dat (JBoss Marshalling River, Java serialization rules)";
    }

    @Override
    @CheckForNull
    public String refusal(Class<?> type, boolean pluginClass) {
        if (type.isPrimitive() || Serializable.class.isAssignableFrom(type)) {
            return null;
        }
        return "is not Serializable: River throws NotSerializableException when it saves the program";
    }
}
