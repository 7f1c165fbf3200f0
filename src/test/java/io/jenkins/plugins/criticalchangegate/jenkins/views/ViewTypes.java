package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a view's expression can read from a value of a given static type, as JEXL would at run time: a public getter
 * {@code getX()}, a public {@code boolean isX()}, a public field, a public {@code get(String)} (a map's key), or a
 * public method called with that many arguments; only members of public classes and interfaces count, since JEXL
 * calls nothing else (a method of a non-public class is found through a public supertype declaring it, or not at all).
 *
 * <p>Where the answer comes from depends on whose type it is: the plugin's own classes by reflection, walking their
 * supertypes by hand so that no member of a stub is ever seen; Jenkins' types (every type of a package the Jenkins API
 * manifest records) through {@link JenkinsApi}, never through the compile-only stubs, which lack most real members and
 * would answer wrongly both ways; libraries and the JDK by reflection, unless the class on the class path is itself a
 * stub (json-lib, remoting), which is refused.
 */
final class ViewTypes {
    static final String PLUGIN_PACKAGE = "io.jenkins.plugins.criticalchangegate";

    private final JenkinsApi api;

    ViewTypes(JenkinsApi api) {
        this.api = api;
    }

    JenkinsApi api() {
        return api;
    }

    /** The type a lookup found, or that it found a value it cannot type (accepted), or why it found nothing. */
    static final class Found {
        final JavaType type;
        final String problem;

        private Found(JavaType type, String problem) {
            this.type = type;
            this.problem = problem;
        }

        static Found of(JavaType type) {
            return new Found(type, null);
        }

        static Found untyped() {
            return new Found(null, null);
        }

        static Found problem(String why) {
            return new Found(null, why);
        }

        boolean isProblem() {
            return problem != null;
        }
    }

    private enum Origin { PLUGIN, API, LIBRARY }

    private Origin origin(String name) {
        if (name.startsWith(PLUGIN_PACKAGE + ".")) {
            return Origin.PLUGIN;
        }
        return api.isApiPackage(JavaType.of(name).packageName()) ? Origin.API : Origin.LIBRARY;
    }

    /** {@code owner.name}: what JEXL tries, in its order. */
    Found property(JavaType owner, String name) {
        String refused = refuse(owner);
        if (refused != null) {
            return Found.problem(refused);
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Set<String> missing = new LinkedHashSet<>();
        for (MemberMatch match : List.of(MemberMatch.method("get" + cap, 0), MemberMatch.isMethod("is" + cap),
                MemberMatch.field(name), MemberMatch.key())) {
            JavaType found = walk(owner, match, missing);
            if (found != null) {
                return Found.of(found);
            }
        }
        return Found.problem(owner.simpleName() + " has no public get" + cap + "()/is" + cap + "()/field '" + name
                + "'" + hints(owner, Set.of("get" + cap, "is" + cap, name), missing));
    }

    /** {@code owner.getX()}/{@code owner.isX()} only: what {@code f:entry field="x"} reads back. */
    Found getter(JavaType owner, String name) {
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Set<String> missing = new LinkedHashSet<>();
        for (MemberMatch match : List.of(MemberMatch.method("get" + cap, 0), MemberMatch.isMethod("is" + cap))) {
            JavaType found = walk(owner, match, missing);
            if (found != null) {
                return Found.of(found);
            }
        }
        return Found.problem(owner.simpleName() + " has no public get" + cap + "()/is" + cap + "()"
                + hints(owner, Set.of("get" + cap, "is" + cap), missing));
    }

    /** {@code owner.name(a, b)}. */
    Found call(JavaType owner, String name, int arity) {
        String refused = refuse(owner);
        if (refused != null) {
            return Found.problem(refused);
        }
        Set<String> missing = new LinkedHashSet<>();
        JavaType found = walk(owner, MemberMatch.method(name, arity), missing);
        if (found != null) {
            return Found.of(found);
        }
        return Found.problem(owner.simpleName() + " has no public method " + name + "() taking " + arity
                + " argument(s)" + hints(owner, Set.of(name), missing));
    }

    /** What {@code <j:forEach items=…>} goes through: collections, iterators, maps (their entries), arrays. */
    Found elementType(JavaType items) {
        if (items.isArray()) {
            return Found.of(JavaType.of(items.name().substring(0, items.name().length() - 2)));
        }
        String refused = refuse(items);
        if (refused != null) {
            return Found.problem(refused);
        }
        if (origin(items.name()) == Origin.API) {
            return Found.problem("cannot tell what the Jenkins type " + items.simpleName() + " holds: loop over a"
                    + " getter that returns a List<…> of the elements");
        }
        Class<?> c = load(items.name());
        String stub = c == null ? items.name() + " is not on the class path" : stubProblem(c);
        if (stub != null) {
            return Found.problem(stub);
        }
        if (Map.class.isAssignableFrom(c)) {
            return Found.of(JavaType.of("java.util.Map.Entry", items.arguments()));
        }
        if (CharSequence.class.isAssignableFrom(c)) {
            return Found.of(JavaType.of("java.lang.String"));
        }
        boolean iterable = Iterable.class.isAssignableFrom(c) || Iterator.class.isAssignableFrom(c)
                || Enumeration.class.isAssignableFrom(c);
        if (!iterable) {
            return Found.problem(items.simpleName() + " is not a collection, iterator, map or array");
        }
        if (items.arguments().size() != 1) {
            return Found.problem("cannot tell what " + items + " holds: return a List<…> of the elements");
        }
        return Found.of(items.arguments().get(0));
    }

    /** Whether {@code type} is {@code target} or one of its subtypes (plugin classes and Jenkins API types). */
    boolean isA(JavaType type, String target) {
        Deque<String> queue = new ArrayDeque<>(List.of(type.name()));
        Set<String> seen = new HashSet<>();
        List<String> lines = new ArrayList<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            if (name.equals(target)) {
                api.use(lines);
                return true;
            }
            Origin origin = origin(name);
            if (origin == Origin.PLUGIN) {
                queue.addAll(supertypes(load(name)));
            } else if (origin == Origin.API && api.type(name) != null) {
                lines.add(api.type(name).line);
                queue.addAll(api.type(name).supertypes);
            }
        }
        return false;
    }

    private static String refuse(JavaType owner) {
        if (owner.isPrimitive()) {
            return owner.name() + " has no properties or methods";
        }
        if (owner.isUnresolved()) {
            return "the Jenkins API manifest could not resolve the type " + owner.name().substring(1);
        }
        return null;
    }

    /**
     * Looks for a member through the type and its supertypes, breadth first, ending with {@code java.lang.Object}.
     * Records the manifest lines walked through when it finds one.
     */
    private JavaType walk(JavaType owner, MemberMatch match, Set<String> missing) {
        Deque<JavaType> queue = new ArrayDeque<>(List.of(owner));
        Set<String> seen = new HashSet<>();
        List<String> lines = new ArrayList<>();
        while (!queue.isEmpty() || !seen.contains(JavaType.OBJECT.name())) {
            JavaType t = queue.isEmpty() ? JavaType.OBJECT : queue.poll();
            if (!seen.add(t.name())) {
                continue;
            }
            Origin origin = origin(t.name());
            if (origin == Origin.API) {
                JenkinsApi.TypeEntry entry = api.type(t.name());
                if (entry == null) {
                    missing.add(t.name() + " is not in " + api.origin());
                    continue;
                }
                lines.add(entry.line);
                if (entry.isPublic) {
                    for (JenkinsApi.MemberEntry member : api.members(t.name(), match.name)) {
                        if (match.accepts(member)) {
                            lines.add(member.line);
                            api.use(lines);
                            return member.type();
                        }
                    }
                }
                for (String s : entry.supertypes) {
                    queue.add(JavaType.of(s));
                }
                continue;
            }
            Class<?> c = load(t.name());
            String problem = c == null ? t.name() + " is not on the class path"
                    : origin == Origin.LIBRARY ? stubProblem(c) : null;
            if (problem != null) {
                missing.add(problem);
                continue;
            }
            JavaType found = origin == Origin.PLUGIN ? match.declared(c, t) : match.inherited(c, t);
            if (found != null) {
                api.use(lines);
                return found;
            }
            if (origin == Origin.PLUGIN) {
                for (Type s : genericSupertypes(c)) {
                    queue.add(JavaType.of(s));
                }
            }
        }
        return null;
    }

    private static List<Type> genericSupertypes(Class<?> c) {
        List<Type> out = new ArrayList<>();
        if (c.getGenericSuperclass() != null) {
            out.add(c.getGenericSuperclass());
        }
        out.addAll(List.of(c.getGenericInterfaces()));
        return out;
    }

    private static List<String> supertypes(Class<?> c) {
        List<String> out = new ArrayList<>();
        if (c != null) {
            for (Type s : genericSupertypes(c)) {
                out.add(JavaType.of(s).name());
            }
        }
        return out;
    }

    /** Why nothing was found, when a reason is to be seen: members that are not public, types not looked into. */
    private static String hints(JavaType owner, Set<String> names, Collection<String> missing) {
        List<String> notPublic = new ArrayList<>();
        Class<?> c = owner.name().startsWith(PLUGIN_PACKAGE + ".") ? load(owner.name()) : null;
        if (c != null && !Modifier.isPublic(c.getModifiers())) {
            notPublic.add("class " + owner.simpleName());
        }
        List<String> notBoolean = new ArrayList<>();
        for (; c != null && c.getName().startsWith(PLUGIN_PACKAGE + "."); c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (names.contains(m.getName()) && !Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    notPublic.add(m.getName() + "()");
                }
                if (names.contains(m.getName()) && m.getName().startsWith("is") && m.getParameterCount() == 0
                        && m.getReturnType() != boolean.class && Modifier.isPublic(m.getModifiers())) {
                    notBoolean.add(m.getName() + "() returns " + m.getReturnType().getSimpleName()
                            + ", and JEXL reads isX() only when it returns boolean");
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (names.contains(f.getName()) && !Modifier.isPublic(f.getModifiers()) && !f.isSynthetic()) {
                    notPublic.add("field " + f.getName());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        if (!notPublic.isEmpty()) {
            out.append(" (not public: ").append(String.join(", ", notPublic)).append(')');
        }
        for (String note : notBoolean) {
            out.append(" (").append(note).append(')');
        }
        if (!missing.isEmpty()) {
            out.append(" (not looked into: ").append(String.join("; ", missing)).append(')');
        }
        return out.toString();
    }

    /** A library class that is only a stub of the Central build (json-lib, remoting) cannot answer. */
    private static String stubProblem(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        String where = source == null || source.getLocation() == null ? "" : source.getLocation().toString();
        return where.contains("jenkins-stubs") ? c.getName() + " is only a compile-only stub here and not in the"
                + " recorded Jenkins API, so its members are unknown" : null;
    }

    /** Loads a class by its manifest-style name ({@code java.util.Map.Entry}), or null. */
    static Class<?> load(String name) {
        String binary = name;
        while (true) {
            try {
                return Class.forName(binary, false, ViewTypes.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = binary.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
            }
        }
    }
}
