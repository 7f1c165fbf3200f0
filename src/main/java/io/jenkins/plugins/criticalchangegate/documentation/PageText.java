package io.jenkins.plugins.criticalchangegate.documentation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a fetched page, as the change-id and section rules read it: decoded with the charset of the
 * {@code Content-Type} (UTF-8 when absent or unknown; malformed bytes replaced), and for HTML with comments, tags,
 * scripts and styles removed and common entities decoded. Whitespace runs become one space.
 *
 * <p>A single linear pass, no regular expressions: the page is untrusted input of up to the body limit.
 */
final class PageText {
    private static final int MAX_TITLE_LENGTH = 300;
    private static final int MAX_ENTITY_LENGTH = 12;
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ndash", "\u2013"),
            Map.entry("mdash", "\u2014"), Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"),
            Map.entry("ldquo", "\u201c"), Map.entry("rdquo", "\u201d"), Map.entry("hellip", "\u2026"),
            Map.entry("copy", "\u00a9"), Map.entry("reg", "\u00ae"), Map.entry("trade", "\u2122"),
            Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"), Map.entry("middot", "\u00b7"),
            Map.entry("bull", "\u2022"), Map.entry("euro", "\u20ac"), Map.entry("shy", ""));

    private final String text;
    @CheckForNull
    private final String title;
    private final boolean html;

    private PageText(String text, @CheckForNull String title, boolean html) {
        this.text = text;
        this.title = title;
        this.html = html;
    }

    /**
     * Reads a page.
     *
     * @param body the bytes read (possibly cut at the body limit)
     * @param contentType the {@code Content-Type} header, if any
     */
    static PageText of(byte[] body, @CheckForNull String contentType) {
        String decoded = decode(body, charsetOf(contentType));
        boolean html = isHtml(contentType, decoded);
        if (!html) {
            return new PageText(collapse(decoded), null, false);
        }
        StringBuilder title = new StringBuilder();
        String text = stripHtml(decoded, title);
        String t = collapse(title.toString()).strip();
        if (t.length() > MAX_TITLE_LENGTH) {
            // at most 300 with the ellipsis, as docs/documentation-check.md says; never half a surrogate pair
            int cut = MAX_TITLE_LENGTH - 1;
            if (Character.isHighSurrogate(t.charAt(cut - 1))) {
                cut--;
            }
            t = t.substring(0, cut) + "\u2026";
        }
        return new PageText(text, t.isEmpty() ? null : t, true);
    }

    static Charset charsetOf(@CheckForNull String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String decode(byte[] body, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            // Not reachable with REPLACE; decode leniently all the same rather than fail the check.
            return new String(body, charset);
        }
    }

    private static boolean isHtml(@CheckForNull String contentType, String decoded) {
        if (contentType != null) {
            String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            return media.equals("text/html") || media.equals("application/xhtml+xml");
        }
        String start = decoded.stripLeading();
        return start.regionMatches(true, 0, "<!doctype html", 0, 14) || start.regionMatches(true, 0, "<html", 0, 5);
    }

    /** Lower-cases ASCII letters only, so indexes stay those of the original. */
    private static String asciiLower(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + 32);
            }
        }
        return new String(chars);
    }

    private static String stripHtml(String s, StringBuilder title) {
        String lower = asciiLower(s);
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '<') {
                if (lower.startsWith("<!--", i)) {
                    int end = lower.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    out.append(' ');
                    continue;
                }
                int nameStart = i + 1;
                boolean closing = nameStart < n && s.charAt(nameStart) == '/';
                if (closing) {
                    nameStart++;
                }
                int nameEnd = nameStart;
                while (nameEnd < n && (Character.isLetterOrDigit(lower.charAt(nameEnd)))) {
                    nameEnd++;
                }
                boolean isTag = nameEnd > nameStart || nameStart < n && "!?".indexOf(s.charAt(nameStart)) >= 0;
                if (!isTag) {
                    out.append(c);
                    i++;
                    continue;
                }
                int end = lower.indexOf('>', nameEnd);
                if (end < 0) {
                    break;
                }
                String name = lower.substring(nameStart, nameEnd);
                i = end + 1;
                out.append(' ');
                if (!closing && (name.equals("script") || name.equals("style") || name.equals("title"))) {
                    int close = lower.indexOf("</" + name, i);
                    int stop = close < 0 ? n : close;
                    if (name.equals("title")) {
                        String inner = decodeEntities(s.substring(i, stop));
                        if (title.length() == 0) {
                            title.append(inner);
                        }
                        out.append(inner);
                    }
                    // script and style bodies are not page text
                    int closeEnd = close < 0 ? n : lower.indexOf('>', close);
                    i = closeEnd < 0 ? n : closeEnd + 1;
                    out.append(' ');
                }
            } else if (c == '&') {
                i = appendEntity(s, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return collapse(out.toString());
    }

    private static String decodeEntities(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '&') {
                i = appendEntity(s, i, out);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Appends the entity starting at {@code amp} (or the '&' itself) and returns the index after it. */
    private static int appendEntity(String s, int amp, StringBuilder out) {
        int semi = -1;
        for (int j = amp + 1; j < s.length() && j <= amp + MAX_ENTITY_LENGTH; j++) {
            if (s.charAt(j) == ';') {
                semi = j;
                break;
            }
        }
        if (semi < 0) {
            out.append('&');
            return amp + 1;
        }
        String name = s.substring(amp + 1, semi);
        if (name.startsWith("#")) {
            int codePoint = -1;
            try {
                codePoint = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
            } catch (NumberFormatException e) {
                out.append('&');
                return amp + 1;
            }
            if (codePoint <= 0 || !Character.isValidCodePoint(codePoint)
                    || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                out.append('\ufffd');
            } else {
                out.appendCodePoint(codePoint);
            }
            return semi + 1;
        }
        String replacement = ENTITIES.get(name.toLowerCase(Locale.ROOT));
        if (replacement == null) {
            out.append('&');
            return amp + 1;
        }
        out.append(replacement);
        return semi + 1;
    }

    private static String collapse(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether the text contains {@code token} as a whole token, ignoring case: not preceded or followed by a letter,
     * a digit, '_' or '-', so that CHG-12 is found in "CHG-12: rollout" but not in "CHG-123" nor "XCHG-12".
     */
    boolean mentionsToken(String token) {
        String t = token.strip();
        if (t.isEmpty()) {
            return false;
        }
        String haystack = text.toLowerCase(Locale.ROOT);
        String needle = t.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = haystack.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            int after = at + needle.length();
            if ((at == 0 || !isTokenChar(haystack.charAt(at - 1)))
                    && (after >= haystack.length() || !isTokenChar(haystack.charAt(after)))) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    String text() {
        return text;
    }

    /** The {@code <title>} of an HTML page, whitespace collapsed, cut at 300 characters. */
    @CheckForNull
    String title() {
        return title;
    }

    boolean isHtml() {
        return html;
    }
}
