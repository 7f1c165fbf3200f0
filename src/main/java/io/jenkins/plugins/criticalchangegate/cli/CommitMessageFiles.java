package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import io.jenkins.plugins.criticalchangegate.policy.CommitMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --commit-message FILE} options: each file holds one commit's message, as git writes it (docs/registry.md,
 * "AI-assisted changes"):
 *
 * <ul>
 * <li>the message alone (subject, body, trailers), the commit then named by the file name as given;</li>
 * <li>or a first line {@code commit <hash>} and the message, as {@code git log -1 --format='commit %H%n%B'} writes
 * it;</li>
 * <li>or what {@code git log -1} or {@code git show -s} print: {@code commit <hash>}, the headers ({@code Merge:},
 * {@code Author:}, {@code Date:}, ...), a blank line and the message indented by four spaces.</li>
 * </ul>
 *
 * A file that cannot be read, is larger than {@link #MAX_BYTES}, or holds a second commit in git log's form is a
 * usage error: a second commit's trailers must not be missed.
 */
final class CommitMessageFiles {
    /** Far more than any commit message; a file this large is not one. */
    static final int MAX_BYTES = 1024 * 1024;

    private static final Pattern COMMIT_LINE = Pattern.compile("commit ([0-9a-fA-F]{4,64})(?:\\s.*)?");
    /** The header git log's medium, full and fuller formats (and git show) always print. */
    private static final Pattern AUTHOR_HEADER = Pattern.compile("Author: .*");
    private static final String INDENT = "    ";

    private CommitMessageFiles() {
    }

    static List<CommitMessage> read(List<String> files, Console console) throws UsageException {
        List<CommitMessage> messages = new ArrayList<>();
        for (String file : files) {
            messages.add(parse(file, text(file, console)));
        }
        return messages;
    }

    /** One file's commit, named by its {@code commit} line or else by {@code file}. */
    static CommitMessage parse(String file, String text) throws UsageException {
        String body = text.startsWith("\ufeff") ? text.substring(1) : text;
        int firstEnd = body.indexOf('\n');
        String first = stripCr(firstEnd < 0 ? body : body.substring(0, firstEnd));
        Matcher commit = COMMIT_LINE.matcher(first);
        try {
            if (!commit.matches()) {
                return CommitMessage.of(file, body);
            }
            String rest = firstEnd < 0 ? "" : body.substring(firstEnd + 1);
            List<String> lines = List.of(rest.split("\n", -1));
            return CommitMessage.of(commit.group(1), isLogForm(lines) ? logMessage(file, lines) : rest);
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    /**
     * Whether the lines after the commit line are git log's: headers up to the first blank line, one of them
     * {@code Author:} (before it may come {@code Merge:}, or gpg's lines with {@code --show-signature}).
     */
    private static boolean isLogForm(List<String> lines) {
        for (String line : lines) {
            String header = stripCr(line);
            if (header.isEmpty()) {
                return false;
            }
            if (AUTHOR_HEADER.matcher(header).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The message of git log's form: after the headers and a blank line, each line indented by four spaces. */
    private static String logMessage(String file, List<String> lines) throws UsageException {
        int i = 0;
        while (i < lines.size() && !stripCr(lines.get(i)).isEmpty()) {
            i++; // the headers
        }
        StringBuilder message = new StringBuilder();
        // the line end of the last line does not start one more
        int end = lines.get(lines.size() - 1).isEmpty() ? lines.size() - 1 : lines.size();
        for (i++; i < end; i++) {
            String line = stripCr(lines.get(i));
            if (line.startsWith(INDENT)) {
                message.append(line, INDENT.length(), line.length()).append('\n');
            } else if (line.isBlank()) {
                message.append('\n');
            } else {
                throw new UsageException(file + " line " + (i + 2) + ": after a commit as git log prints it comes"
                        + " another commit or other text; give one commit per --commit-message");
            }
        }
        return message.toString();
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The file's text as UTF-8; other bytes read as U+FFFD (a message in another encoding still reads). */
    private static String text(String file, Console console) throws UsageException {
        Path path = console.resolve(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException("cannot read " + ControlCharacters.escape(String.valueOf(file)) + ": no such file");
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read " + ControlCharacters.escape(String.valueOf(file)) + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new UsageException(file + " is larger than " + MAX_BYTES + " bytes: give one commit message per"
                    + " --commit-message");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read " + ControlCharacters.escape(String.valueOf(file)) + ": " + e.getMessage()); // REPLACE never throws
        }
    }
}
