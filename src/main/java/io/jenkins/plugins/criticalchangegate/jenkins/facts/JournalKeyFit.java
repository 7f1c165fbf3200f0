package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.audit.JournalHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the journal found in a directory fits the key Jenkins keeps for it, and, when it does not, what to tell the
 * administrator. Jenkins opens a journal only with its own key and never re-keys, appends to or replaces a journal that
 * does not fit (docs/audit.md, "The journal's key in Jenkins"); it makes a key only when there is neither a key nor a
 * journal, so that a lost {@code secrets/} next to an existing journal is reported, not papered over with a new key.
 */
public final class JournalKeyFit {
    /** The confidential key's id in Jenkins' store, which is also its file name under {@code secrets/}. */
    public static final String STORE_ID = "io.jenkins.plugins.criticalchangegate.audit-journal-key";
    private static final String DOCS = "docs/audit.md, \"The journal's key in Jenkins\"";

    /** What was found. */
    public enum Kind {
        /** No journal in the directory yet: it is created with Jenkins' key (made first if need be). */
        NEW,
        /** A keyed journal written with Jenkins' key. */
        FITS,
        /** An unkeyed ({@code sha256}) journal. */
        UNKEYED,
        /** A keyed journal written with another key. */
        OTHER_KEY,
        /** A keyed journal, and Jenkins holds no key. */
        NO_KEY
    }

    private final Kind kind;
    private final Path dir;
    @CheckForNull
    private final JournalHeader header;
    @CheckForNull
    private final String jenkinsKeyId;

    private JournalKeyFit(Kind kind, Path dir, @CheckForNull JournalHeader header, @CheckForNull String jenkinsKeyId) {
        this.kind = kind;
        this.dir = dir;
        this.header = header;
        this.jenkinsKeyId = jenkinsKeyId;
    }

    /**
     * Reads the journal's first record and compares.
     *
     * @param dir the journal's directory
     * @param jenkinsKeyId the id of the key Jenkins holds, or {@code null} when it holds none
     * @return the fit
     * @throws IOException when the journal's first record cannot be read, naming the directory
     */
    public static JournalKeyFit read(Path dir, @CheckForNull String jenkinsKeyId) throws IOException {
        Optional<JournalHeader> header;
        try {
            header = JournalHeader.read(dir);
        } catch (IOException e) {
            throw new IOException("cannot read the audit journal in " + dir + ": " + e.getMessage(), e);
        }
        return of(dir, header.orElse(null), jenkinsKeyId);
    }

    /**
     * Compares a journal's first record with Jenkins' key.
     *
     * @param dir the journal's directory
     * @param header its first record, or {@code null} when there is no journal yet
     * @param jenkinsKeyId the id of the key Jenkins holds, or {@code null} when it holds none
     * @return the fit
     */
    public static JournalKeyFit of(Path dir, @CheckForNull JournalHeader header, @CheckForNull String jenkinsKeyId) {
        Kind kind;
        if (header == null) {
            kind = Kind.NEW;
        } else if (!header.keyed()) {
            kind = Kind.UNKEYED;
        } else if (jenkinsKeyId == null) {
            kind = Kind.NO_KEY;
        } else if (header.keyId().map(jenkinsKeyId::equals).orElse(false)) {
            kind = Kind.FITS;
        } else {
            kind = Kind.OTHER_KEY;
        }
        return new JournalKeyFit(kind, dir, header, jenkinsKeyId);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether Jenkins may make a key now: there is neither a key nor a journal. */
    public boolean mayCreateKey() {
        return kind == Kind.NEW && jenkinsKeyId == null;
    }

    private String journalKeyId() {
        return header == null ? "?" : header.keyId().orElse("?");
    }

    /**
     * Why the journal cannot be opened with Jenkins' key, naming the directory, what was found and what to do; empty
     * when it can.
     */
    public Optional<String> problem() {
        switch (kind) {
            case UNKEYED:
                return Optional.of("the audit journal in " + dir + " is an unkeyed " + (header == null ? "sha256"
                        : header.chain()) + " chain, written before Jenkins kept a journal key; it is not appended to"
                        + " with a key. Move that directory aside (it stays verifiable with 'audit verify' without a"
                        + " key) to start a new, keyed journal, or configure another journal directory (" + DOCS + ")");
            case NO_KEY:
                return Optional.of("the audit journal in " + dir + " was written with key id " + journalKeyId()
                        + " but Jenkins holds no journal key (secrets/" + STORE_ID + " is missing, or"
                        + " secrets/master.key is not the one it was encrypted with). Restore secrets/ from the backup"
                        + " of this Jenkins, or move the journal aside to start a new one (" + DOCS + ")");
            case OTHER_KEY:
                return Optional.of("the audit journal in " + dir + " was written with key id " + journalKeyId()
                        + ", not with Jenkins' journal key (key id " + jenkinsKeyId + "). Restore the secrets/ that"
                        + " belongs with this journal, or move the journal aside to start a new one (" + DOCS + ")");
            default:
                return Optional.empty();
        }
    }

    /** One sentence for the administrator's page. */
    public String summary() {
        switch (kind) {
            case NEW:
                return "No journal yet: the first gate (or the first download of the key) creates it"
                        + (jenkinsKeyId == null ? ", and the key with it." : ".");
            case FITS:
                return "The journal is keyed with Jenkins' key.";
            case UNKEYED:
                return "The journal in this directory is unkeyed (written before Jenkins kept a journal key): every"
                        + " gate fails until it is moved aside.";
            case NO_KEY:
                return "The journal was written with key id " + journalKeyId() + ", but Jenkins holds no journal key:"
                        + " every gate fails until secrets/ is restored or the journal is moved aside.";
            default:
                return "The journal was written with key id " + journalKeyId() + ", not with Jenkins' key: every gate"
                        + " fails until the matching secrets/ is restored or the journal is moved aside.";
        }
    }
}
