package io.jenkins.plugins.criticalchangegate.jenkins.persistence;

import static org.junit.Assert.fail;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one walk of a root found: the classes a store would refuse, the open types, and how much it saw. */
final class Walk {
    /**
     * A field or generic argument whose declared type (an interface, an abstract class, {@code Object}, a type
     * variable) does not fix the class that is stored: that is decided by the value at run time, which a walk of
     * declared types cannot check.
     */
    record OpenType(String path, Type declared, @CheckForNull Class<?> held) {
        @Override
        public String toString() {
            return path + ": declared " + declared.getTypeName() + (held == null ? "" : ", holds " + held.getName());
        }
    }

    private final String store;
    private final String root;
    private final List<String> violations = new ArrayList<>();
    private final List<OpenType> openTypes = new ArrayList<>();
    private int fields;
    private int checked;

    Walk(String store, String root) {
        this.store = store;
        this.root = root;
    }

    void violation(String path, Class<?> type, String refusal) {
        violations.add(path + ": " + type.getName() + " " + refusal);
    }

    void open(String path, Type declared, @CheckForNull Class<?> held) {
        openTypes.add(new OpenType(path, declared, held));
    }

    void countField() {
        fields++;
    }

    void countChecked() {
        checked++;
    }

    /** One line per refused class: the path from the root, the class, why the store refuses it. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    List<OpenType> openTypes() {
        return List.copyOf(openTypes);
    }

    List<String> openPaths() {
        return openTypes.stream().map(OpenType::path).toList();
    }

    /** Fields walked, through every class reached (each class once). */
    int fields() {
        return fields;
    }

    /** Positions whose stored class was checked: fields, elements, keys and values. */
    int checked() {
        return checked;
    }

    /**
     * Fails unless the store can keep everything reached, every open type is one of those accepted (each with a
     * reason, at the caller), and the walk reached at least {@code minimumFields} fields: a walk that stopped early
     * must not pass for a clean one.
     */
    void assertPersistable(int minimumFields, String... acceptedOpenPaths) {
        if (!violations.isEmpty()) {
            fail(store + " cannot keep " + root + ":\n  " + String.join("\n  ", violations));
        }
        if (!openPaths().equals(Arrays.asList(acceptedOpenPaths))) {
            fail(store + ": the stored class of these fields of " + root + " depends on their values, not on their"
                    + " declared types; declare a concrete type, or accept the path with a reason (accepted: "
                    + Arrays.toString(acceptedOpenPaths) + "):\n  "
                    + String.join("\n  ", openTypes.stream().map(OpenType::toString).toList()));
        }
        if (fields < minimumFields) {
            fail(store + ": the walk of " + root + " reached " + fields + " field(s), fewer than the " + minimumFields
                    + " expected: it does not reach what the store writes");
        }
    }

    /** Fails unless the walk checked at least {@code minimum} values (for a root that is a value, not a class). */
    void assertChecked(int minimum) {
        if (checked < minimum) {
            fail(store + ": the walk of " + root + " checked " + checked + " value(s), fewer than the " + minimum
                    + " expected");
        }
    }
}
