package io.jenkins.plugins.criticalchangegate.audit;

import java.io.IOException;

/** Another process, or another open {@link AuditJournal} in this JVM, holds the journal's lock. */
public final class JournalLockedException extends IOException {
    private static final long serialVersionUID = 1L;

    JournalLockedException(String message) {
        super(message);
    }
}
