package io.jenkins.plugins.criticalchangegate.notify;

import java.util.Locale;
import java.util.Optional;

/** What a notification is about; {@link #wireName()} is the payload's {@code event} and never changes. */
public enum NotificationEvent {
    /** A gate opened and waits for approvals. */
    GATE_OPENED("gate.opened"),
    /** A gate was decided (approved, rejected, expired, aborted). */
    GATE_DECIDED("gate.decided"),
    /** A gate is still open a configured time before its deadline. */
    GATE_EXPIRING("gate.expiring");

    private final String wireName;

    NotificationEvent(String wireName) {
        this.wireName = wireName;
    }

    /** {@code gate.opened}, {@code gate.decided}, {@code gate.expiring}. */
    public String wireName() {
        return wireName;
    }

    /** The event named {@code gate.opened} (or {@code GATE_OPENED}), ignoring case. */
    public static Optional<NotificationEvent> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (NotificationEvent e : values()) {
            if (e.wireName.equals(n) || e.name().toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
