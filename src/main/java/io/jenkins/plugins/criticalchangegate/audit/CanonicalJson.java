package io.jenkins.plugins.criticalchangegate.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The canonical JSON encoding every record hash is computed over (docs/audit.md, "How the chain is computed"): it is
 * the part of the journal an auditor re-implements, so it is written out by hand here, small and explicit, rather than
 * left to a library's defaults.
 *
 * <ul>
 * <li>Values are objects, arrays, strings, integers (64-bit, no fraction, no exponent, no {@code -0}) and
 *     {@code true}/{@code false}. There is no {@code null} and no floating point, so no number has two spellings.</li>
 * <li>Object members are sorted by name, comparing UTF-16 code units as RFC 8785 does. Member names are restricted to
 *     ASCII letters, digits, {@code _ . -} ({@link #NAME}), so this is also byte order and code point order, and a
 *     name never needs escaping.</li>
 * <li>No white space outside strings; UTF-8.</li>
 * <li>Strings: {@code "} and {@code \} are escaped as {@code \"} and {@code \\}; the control characters U+0008,
 *     U+0009, U+000A, U+000C, U+000D as {@code \b \t \n \f \r}; the other characters below U+0020 as <code>&#92;u00XX</code>
 *     with lowercase hex; everything else, U+007F and non-ASCII included, is written as itself in UTF-8. Unpaired
 *     surrogates cannot be written in UTF-8 and are refused.</li>
 * </ul>
 */
public final class CanonicalJson {
    /** What a member name may look like. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    /** How deep objects and arrays may nest. */
    static final int MAX_DEPTH = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /**
     * Encodes an object.
     *
     * @param object member names to values: {@link String}, {@link Long} (or {@link Integer}), {@link Boolean},
     *     {@link List} and {@link Map} of those
     * @return the canonical UTF-8 bytes
     * @throws IllegalArgumentException for a value this encoding does not allow, naming it
     */
    public static byte[] encode(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(256);
        writeObject(out, object, "", 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void writeObject(StringBuilder out, Map<String, ?> object, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels at " + path);
        }
        List<String> names = new ArrayList<>(object.keySet());
        // String.compareTo compares UTF-16 code units (RFC 8785, section 3.2.3).
        Collections.sort(names);
        out.append('{');
        boolean first = true;
        for (String name : names) {
            checkName(name, path);
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(name).append("\":");
            writeValue(out, object.get(name), path.isEmpty() ? name : path + "." + name, depth);
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, Object value, String path, int depth) {
        if (value instanceof String) {
            writeString(out, (String) value, path);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            out.append(value.toString());
        } else if (value instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> map = (Map<String, ?>) value;
            writeObject(out, map, path, depth + 1);
        } else if (value instanceof List) {
            if (depth + 1 > MAX_DEPTH) {
                throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels at " + path);
            }
            out.append('[');
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(out, list.get(i), path + "[" + i + "]", depth + 1);
            }
            out.append(']');
        } else if (value == null) {
            throw new IllegalArgumentException("null value at " + path + ": leave the member out instead");
        } else {
            throw new IllegalArgumentException("unsupported value at " + path + ": " + value.getClass().getName()
                    + " (only strings, integers, booleans, lists and maps; no floating point)");
        }
    }

    private static void checkName(Object name, String path) {
        if (!(name instanceof String) || !NAME.matcher((String) name).matches()) {
            throw new IllegalArgumentException("member name '" + name + "'" + (path.isEmpty() ? "" : " in " + path)
                    + " must be 1 to 64 ASCII letters, digits, '_', '.' or '-'");
        }
    }

    private static void writeString(StringBuilder out, String s, String path) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\f': out.append("\\f"); break;
                case '\r': out.append("\\r"); break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                            throw unpaired(path, i);
                        }
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw unpaired(path, i);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static IllegalArgumentException unpaired(String path, int index) {
        return new IllegalArgumentException("string at " + path + " has an unpaired surrogate at index " + index
                + ": it cannot be written as UTF-8");
    }

    /** Lowercase hex of bytes. */
    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
