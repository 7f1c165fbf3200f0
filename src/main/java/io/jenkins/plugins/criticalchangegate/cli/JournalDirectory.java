package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.audit.JournalCreation;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The journal directory a reading command ({@code audit verify}, {@code export}, {@code emergencies},
 * {@code pending}) is given. A directory that is not there and one that holds no journal at all are the same fact,
 * "no journal here", and give the same answer in every command: exit 2 with that message and no usage text (issue
 * 17; before, the first was 2 and the second 1, or an empty answer). A directory with a head file but no journal
 * file is not absent but emptied, and is left to the verifier, which calls it broken, unless it is the head an
 * unfinished creation left next to its temporary first file ({@link JournalCreation#onlyLeftovers}).
 */
final class JournalDirectory {
    private JournalDirectory() {
    }

    /**
     * The journal directory named by the command's one positional argument.
     *
     * @throws UsageException when not exactly one directory is given
     * @throws UnreadableInputException when it does not exist, is not a directory, cannot be listed or holds no
     *     journal
     */
    static Path existing(Arguments parsed, Console console) throws UsageException {
        if (parsed.positional().size() != 1) {
            throw new UsageException("give exactly one journal directory, not "
                    + ControlCharacters.escape(String.valueOf(parsed.positional())));
        }
        String given = parsed.positional().get(0);
        Path dir;
        try {
            dir = console.resolve(given);
        } catch (InvalidPathException e) {
            throw new UsageException("'" + ControlCharacters.escape(given) + "' is not a valid path: " + e.getReason());
        }
        String shown = ControlCharacters.escape(dir.toString());
        if (!Files.exists(dir)) {
            throw new UnreadableInputException("no journal at " + shown + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new UnreadableInputException("no journal at " + shown + ": it is a file, not a journal directory");
        }
        try {
            if (JournalCreation.nothingJournaled(dir)) {
                throw new UnreadableInputException("no journal at " + shown + ": the directory holds no "
                        + "journal-NNNNNN.jsonl file (nothing was ever journaled there)");
            }
            if (JournalCreation.onlyLeftovers(dir)) {
                // what a creation cut short leaves (a head naming only its first record, never acknowledged): the
                // next open removes it and creates the journal, so there is no journal yet, not a broken one
                throw new UnreadableInputException("no journal at " + shown + ": the directory holds only the"
                        + " leftovers of a journal creation that did not finish (nothing was ever journaled there;"
                        + " the next open creates the journal)");
            }
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read the journal directory " + shown + ": "
                    + IoProblem.describe(e));
        }
        return dir;
    }
}
