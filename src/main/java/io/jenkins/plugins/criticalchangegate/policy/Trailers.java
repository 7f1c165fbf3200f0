package io.jenkins.plugins.criticalchangegate.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the trailers of a commit message as git does ({@code git interpret-trailers --parse --no-divider}, and
 * {@code git log --format=%(trailers:unfold)}, which reads commits the same way), so that what the gate calls a
 * trailer is what git calls one. From git's {@code trailer.c}:
 *
 * <ul>
 * <li>The end of the message leaves out trailing comment lines ({@code #}), empty lines and an old
 * {@code Conflicts:} block.</li>
 * <li>The first paragraph is the subject and never holds trailers.</li>
 * <li>The trailer block is the last paragraph, if each of its lines is a trailer ({@code Key: value}, the key made
 * of letters, digits and '-', blanks allowed before the colon) or continues the one before (starts with a blank);
 * or if at least a quarter of its lines are trailers and one is written by git itself ({@code Signed-off-by: } or
 * {@code (cherry picked from commit }). Comment lines count for neither.</li>
 * <li>A value folded over several lines is joined with single spaces; keys and values are trimmed.</li>
 * </ul>
 *
 * <p>A CR before a line feed is a blank to git, so a message with CRLF line ends has the same trailers as with LF,
 * except where git itself tells them apart (an empty line or {@code Conflicts:} must end with LF alone to be left
 * out); a folded value loses the CR before each of its line ends. git's settings ({@code trailer.separators},
 * {@code core.commentChar}, configured trailer keys) are taken at their defaults.
 */
public final class Trailers {
    private static final char COMMENT = '#';
    private static final List<String> GIT_GENERATED = List.of("Signed-off-by: ", "(cherry picked from commit ");

    private Trailers() {
    }

    /** The trailers of the message's trailer block, in order; empty when it has none. */
    public static List<Trailer> parse(String message) {
        List<String> lines = lines(message);
        int end = endOfMessage(lines, message.endsWith("\n"));
        int start = blockStart(lines, end);
        List<Trailer> trailers = new ArrayList<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (int i = start; i < end; i++) {
            String line = lines.get(i);
            if (key != null && isSpace(line, 0)) {
                value.append('\n').append(line);
                continue;
            }
            if (key != null) {
                trailers.add(new Trailer(key, unfold(value)));
                key = null;
            }
            if (line.isEmpty() || line.charAt(0) == COMMENT) {
                continue;
            }
            int separator = separator(line);
            if (separator >= 1) {
                key = trim(line.substring(0, separator));
                value.setLength(0);
                value.append(trim(line.substring(separator + 1)));
            }
        }
        if (key != null) {
            trailers.add(new Trailer(key, unfold(value)));
        }
        return trailers;
    }

    /** The message's lines without their line ends; a final line end does not start another line. */
    private static List<String> lines(String message) {
        String text = message;
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            if (nl < 0) {
                lines.add(text.substring(from));
                break;
            }
            lines.add(text.substring(from, nl));
            from = nl + 1;
        }
        return lines;
    }

    /**
     * git's {@code ignored_log_message_bytes}: trailing comments, empty lines and a Conflicts block are left out (git
     * looks for {@code "Conflicts:\n"}, so a last line without its line end does not start one).
     */
    private static int endOfMessage(List<String> lines, boolean finalLineEnd) {
        // 0 is "none", as in git: so the first line never starts the part left out
        int ignoredFrom = 0;
        boolean inConflicts = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.charAt(0) == COMMENT) {
                if (ignoredFrom == 0) {
                    ignoredFrom = i;
                }
            } else if (line.equals("Conflicts:") && (finalLineEnd || i < lines.size() - 1)) {
                inConflicts = true;
                if (ignoredFrom == 0) {
                    ignoredFrom = i;
                }
            } else if (inConflicts && line.charAt(0) == '\t') {
                continue; // a path in the conflicts block
            } else if (ignoredFrom != 0) {
                ignoredFrom = 0;
                inConflicts = false;
            }
        }
        return ignoredFrom != 0 ? ignoredFrom : lines.size();
    }

    /** git's {@code find_trailer_block_start}: the first line of the trailer block, or {@code end} for none. */
    private static int blockStart(List<String> lines, int end) {
        int endOfTitle = 0;
        while (endOfTitle < end && (isComment(lines.get(endOfTitle)) || !isBlank(lines.get(endOfTitle)))) {
            endOfTitle++;
        }
        boolean onlySpaces = true;
        boolean recognizedPrefix = false;
        int trailerLines = 0;
        int nonTrailerLines = 0;
        // blank-led lines are continuations if a trailer comes before them, and other lines if not
        int possibleContinuationLines = 0;
        for (int i = end - 1; i >= endOfTitle; i--) {
            String line = lines.get(i);
            if (isComment(line)) {
                nonTrailerLines += possibleContinuationLines;
                possibleContinuationLines = 0;
                continue;
            }
            if (isBlank(line)) {
                if (onlySpaces) {
                    continue;
                }
                nonTrailerLines += possibleContinuationLines;
                if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines
                        || trailerLines > 0 && nonTrailerLines == 0) {
                    return i + 1;
                }
                return end;
            }
            onlySpaces = false;
            if (GIT_GENERATED.stream().anyMatch(line::startsWith)) {
                trailerLines++;
                possibleContinuationLines = 0;
                recognizedPrefix = true;
            } else if (separator(line) >= 1 && !isSpace(line, 0)) {
                trailerLines++;
                possibleContinuationLines = 0;
            } else if (isSpace(line, 0)) {
                possibleContinuationLines++;
            } else {
                nonTrailerLines += 1 + possibleContinuationLines;
                possibleContinuationLines = 0;
            }
        }
        return end;
    }

    /**
     * git's {@code find_separator}: the position of the colon after a key of letters, digits and '-' (blanks may come
     * between them), or -1.
     */
    private static int separator(String line) {
        boolean blankFound = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!blankFound && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                continue;
            }
            if (i != 0 && (c == ' ' || c == '\t')) {
                blankFound = true;
                continue;
            }
            break;
        }
        return -1;
    }

    /** git's {@code unfold_value}: each line break and the blanks after it become one space; then trimmed. */
    private static String unfold(CharSequence value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                continue; // a CRLF line end folds as a LF one
            }
            if (c == '\n') {
                while (i + 1 < value.length() && isSpace(value.charAt(i + 1))) {
                    i++;
                }
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return trim(out);
    }

    private static boolean isComment(String line) {
        return !line.isEmpty() && line.charAt(0) == COMMENT;
    }

    /** git's {@code is_blank_line}: nothing but blanks. */
    private static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!isSpace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(String line, int at) {
        return at < line.length() && isSpace(line.charAt(at));
    }

    /** git's {@code isspace}: space, tab, line feed and carriage return only (not Unicode's blanks). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String trim(CharSequence text) {
        int from = 0;
        int to = text.length();
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.subSequence(from, to).toString();
    }
}
