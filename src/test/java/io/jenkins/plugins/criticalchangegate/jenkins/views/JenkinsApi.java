package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The real public API of Jenkins and its plugins, as recorded by {@code apisig} in
 * {@code ../shared/jenkins-api/manifest.txt.gz} (format: that folder's README), or the extract of it that the views
 * need ({@code jenkins-api-extract.txt} beside these classes). Views are checked against these signatures, never
 * against the compile-only stubs, which declare only what the plugin's Java code calls.
 *
 * <p>Every line a lookup relies on is remembered ({@link #usedLines()}), so that the extract can be regenerated as
 * exactly those lines, and checked to be exactly those lines.
 */
final class JenkinsApi {
    static final String PACKAGE = "package ";

    private final String origin;
    private final Set<String> packages;
    private final Map<String, TypeEntry> types = new HashMap<>();
    private final Map<String, List<MemberEntry>> members = new HashMap<>();
    private final Set<String> lines = new LinkedHashSet<>();
    private final SortedSet<String> used = new TreeSet<>();

    private JenkinsApi(String origin, Collection<String> packages, List<String> apiLines) {
        this.origin = origin;
        Set<String> known = new TreeSet<>(packages);
        for (String line : apiLines) {
            lines.add(line);
            String first = line.substring(0, line.indexOf(' '));
            int hash = first.indexOf('#');
            if (hash < 0) {
                TypeEntry type = new TypeEntry(line);
                types.put(type.name, type);
            } else {
                MemberEntry member = new MemberEntry(line);
                members.computeIfAbsent(member.owner + "#" + member.name, k -> new ArrayList<>()).add(member);
            }
        }
        this.packages = known;
    }

    /** The whole manifest; its packages are those of its types. */
    static JenkinsApi readManifest(Path gz) throws IOException {
        List<String> apiLines = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            for (String line : readLines(in)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                apiLines.add(line);
                String first = line.substring(0, line.indexOf(' '));
                if (first.indexOf('#') < 0) {
                    packages.add(JavaType.of(first).packageName());
                }
            }
        }
        return new JenkinsApi(gz.toString(), packages, apiLines);
    }

    /** The extract: {@code package} lines (every package of the manifest), then manifest lines. */
    static JenkinsApi readExtract(String origin, InputStream in) throws IOException {
        List<String> apiLines = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        for (String line : readLines(in)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(PACKAGE)) {
                packages.add(line.substring(PACKAGE.length()).strip());
            } else {
                apiLines.add(line);
            }
        }
        return new JenkinsApi(origin, packages, apiLines);
    }

    /** A few lines, for the check's own tests. */
    static JenkinsApi of(Collection<String> packages, String... apiLines) {
        return new JenkinsApi("test lines", packages, Arrays.asList(apiLines));
    }

    private static List<String> readLines(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.add(line);
            }
        }
        return out;
    }

    String origin() {
        return origin;
    }

    /** Whether a type of this package is Jenkins API (so it is looked up here, never reflected on). */
    boolean isApiPackage(String packageName) {
        return packages.contains(packageName);
    }

    Set<String> packages() {
        return packages;
    }

    /** The type and member lines held. */
    Set<String> lines() {
        return lines;
    }

    /** The type, or null when it is not recorded. */
    TypeEntry type(String name) {
        return types.get(name);
    }

    /** The members of that name declared by the type (of any access: the caller filters). */
    List<MemberEntry> members(String owner, String name) {
        return members.getOrDefault(owner + "#" + name, List.of());
    }

    /**
     * Records that a lookup's answer rests on these lines: the member found and the types walked through to reach
     * it. Lookups that find nothing record nothing: with fewer lines they would find nothing either.
     */
    void use(Collection<String> answerLines) {
        used.addAll(answerLines);
    }

    /** The lines the lookups so far relied on, sorted as the manifest is. */
    SortedSet<String> usedLines() {
        return new TreeSet<>(used);
    }

    /** A type line: {@code FQN KIND MODIFIERS [extends T,...] [implements T,...] ...}. */
    static final class TypeEntry {
        final String line;
        final String name;
        final boolean isPublic;
        final boolean isInterface;
        /** The erased supertypes, superclass first. */
        final List<String> supertypes = new ArrayList<>();

        TypeEntry(String line) {
            this.line = line;
            String[] tokens = line.split(" ");
            this.name = tokens[0];
            this.isInterface = tokens[1].equals("interface") || tokens[1].equals("annotation");
            this.isPublic = Arrays.asList(tokens).contains("public");
            for (int i = 2; i + 1 < tokens.length; i++) {
                if (tokens[i].equals("extends") || tokens[i].equals("implements")) {
                    supertypes.addAll(Arrays.asList(tokens[i + 1].split(",")));
                }
                if (tokens[i].equals("generic")) {
                    break;
                }
            }
        }
    }

    /**
     * A member line: {@code FQN#name(P,...) RETURN MODIFIERS [throws ...] [generic ...]} or
     * {@code FQN#name TYPE MODIFIERS [generic TYPE]}.
     */
    static final class MemberEntry {
        final String line;
        final String owner;
        final String name;
        final boolean isMethod;
        /** The erased parameter types of a method. */
        final List<String> parameters;
        final int arity;
        final boolean isPublic;
        /** The erased return or field type ({@code void} for a void method). */
        final String erasedType;
        /** The generic return or field type, or null when it is the erased one. */
        final String genericType;

        MemberEntry(String line) {
            this.line = line;
            String[] tokens = line.split(" ");
            String signature = tokens[0];
            int hash = signature.indexOf('#');
            this.owner = signature.substring(0, hash);
            int open = signature.indexOf('(', hash);
            this.isMethod = open >= 0;
            this.name = isMethod ? signature.substring(hash + 1, open) : signature.substring(hash + 1);
            String params = isMethod ? signature.substring(open + 1, signature.length() - 1) : "";
            this.parameters = params.isEmpty() ? List.of() : List.of(params.split(","));
            this.arity = parameters.size();
            boolean constructor = name.equals("<init>");
            this.erasedType = constructor ? "void" : tokens[1];
            List<String> rest = Arrays.asList(tokens);
            this.isPublic = rest.contains("public");
            int generic = rest.indexOf("generic");
            String g = generic >= 0 && generic + 1 < tokens.length ? tokens[generic + 1] : null;
            this.genericType = g == null || constructor ? null : isMethod ? returnPart(g) : g;
        }

        /** {@code <M0:X>(java.lang.Class<M0>)M0} → {@code M0}: what follows the parameter list. */
        private static String returnPart(String generic) {
            int depth = 0;
            for (int i = 0; i < generic.length(); i++) {
                char c = generic.charAt(i);
                if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth--;
                } else if (c == '(' && depth == 0) {
                    int close = generic.indexOf(')', i); // parameters hold no parentheses
                    return generic.substring(close + 1);
                }
            }
            return null;
        }

        /** The return or field type, with its type arguments where the manifest records them. */
        JavaType type() {
            if (genericType != null) {
                JavaType t = JavaType.parseManifest(genericType);
                if (t != null) {
                    return t;
                }
            }
            return JavaType.of(erasedType);
        }
    }
}
