package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A static type as a view's expression sees it: the erased, qualified name (nested types written {@code Outer.Inner},
 * as the Jenkins API manifest writes them, arrays as {@code X[]}) and the type arguments, which only matter for the
 * element type of a {@code <j:forEach items=…>}. Made from reflection (the plugin's classes, libraries) or from a
 * manifest signature (Jenkins); a type variable becomes its erasure, a wildcard its upper bound, since a view only
 * reads values.
 */
final class JavaType {
    static final JavaType OBJECT = new JavaType("java.lang.Object", List.of());

    private final String name;
    private final List<JavaType> arguments;

    private JavaType(String name, List<JavaType> arguments) {
        this.name = name;
        this.arguments = List.copyOf(arguments);
    }

    static JavaType of(String name) {
        return new JavaType(name, List.of());
    }

    static JavaType of(String name, List<JavaType> arguments) {
        return new JavaType(name, arguments);
    }

    /** From reflection; a type variable is replaced by the erasure of its first bound. */
    static JavaType of(Type type) {
        if (type instanceof Class<?>) {
            Class<?> c = (Class<?>) type;
            return c.isArray() ? of(of(c.getComponentType()).name + "[]") : of(c.getName().replace('$', '.'));
        }
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            List<JavaType> args = new ArrayList<>();
            for (Type a : p.getActualTypeArguments()) {
                args.add(of(a));
            }
            return new JavaType(of(p.getRawType()).name, args);
        }
        if (type instanceof WildcardType) {
            Type[] upper = ((WildcardType) type).getUpperBounds();
            return upper.length == 0 ? OBJECT : of(upper[0]);
        }
        if (type instanceof TypeVariable<?>) {
            Type[] bounds = ((TypeVariable<?>) type).getBounds();
            return bounds.length == 0 ? OBJECT : of(bounds[0]).erasure();
        }
        if (type instanceof GenericArrayType) {
            return of(of(((GenericArrayType) type).getGenericComponentType()).name + "[]");
        }
        throw new IllegalArgumentException("unknown kind of type: " + type);
    }

    /**
     * From a manifest signature ({@code java.util.List<hudson.model.Action>}, {@code ?+X}, {@code T0}...). A type
     * variable ({@code T0}, {@code M1}) comes back as {@code null} at the top and as {@code java.lang.Object} inside
     * type arguments: the caller uses the erased signature then, which the manifest gives too.
     */
    static JavaType parseManifest(String text) {
        Parser p = new Parser(text);
        JavaType t = p.type();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("cannot read the type '" + text + "' at " + p.pos);
        }
        return t;
    }

    String name() {
        return name;
    }

    List<JavaType> arguments() {
        return arguments;
    }

    JavaType erasure() {
        return arguments.isEmpty() ? this : of(name);
    }

    boolean isArray() {
        return name.endsWith("[]");
    }

    boolean isPrimitive() {
        return !name.contains(".") && !isArray() && !isTypeVariable(name) && !name.startsWith("?");
    }

    /** A name the manifest could not resolve ({@code ?ClassNode}): it matches nothing here. */
    boolean isUnresolved() {
        return name.startsWith("?");
    }

    /** The name without its package, nested types with their outer ones: {@code GateEntry.Event}. */
    String simpleName() {
        String[] parts = name.split("\\.");
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0)) || out.length() > 0) {
                out.append(out.length() > 0 ? "." : "").append(part);
            }
        }
        return out.length() == 0 ? name : out.toString();
    }

    /** The package: the name's segments before the first one that starts with a capital letter (Java's custom). */
    String packageName() {
        String[] parts = name.split("\\.");
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
            out.append(out.length() > 0 ? "." : "").append(part);
        }
        return out.toString();
    }

    static boolean isTypeVariable(String name) {
        return name.matches("[TM][0-9]+");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JavaType && ((JavaType) o).name.equals(name) && ((JavaType) o).arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, arguments);
    }

    @Override
    public String toString() {
        if (arguments.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name).append('<');
        for (int i = 0; i < arguments.size(); i++) {
            out.append(i > 0 ? "," : "").append(arguments.get(i));
        }
        return out.append('>').toString();
    }

    /** Reads the manifest's generic notation: {@code Name<Args>[]}, {@code ?}, {@code ?+X}, {@code ?-X}, {@code T0}. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        /** A type, or null for a top-level type variable. */
        JavaType type() {
            if (peek('?')) {
                pos++;
                if (peek('+')) {
                    pos++;
                    return orObject(type());
                }
                if (peek('-')) {
                    pos++;
                    type();
                    return OBJECT;
                }
                if (pos == text.length() || peek(',') || peek('>')) {
                    return OBJECT;
                }
                return of("?" + name()); // an unresolved name, kept as the manifest wrote it
            }
            String name = name();
            List<JavaType> args = new ArrayList<>();
            if (peek('<')) {
                pos++;
                do {
                    args.add(orObject(type()));
                } while (consume(','));
                expect('>');
            }
            while (peek('.')) { // an inner type of a parameterized outer one: Outer<T0>.Inner
                pos++;
                name = name + "." + name();
                args.clear();
                if (peek('<')) {
                    pos++;
                    do {
                        args.add(orObject(type()));
                    } while (consume(','));
                    expect('>');
                }
            }
            StringBuilder dims = new StringBuilder();
            while (text.startsWith("[]", pos)) {
                pos += 2;
                dims.append("[]");
            }
            if (isTypeVariable(name)) {
                return dims.length() == 0 ? null : of("java.lang.Object" + dims);
            }
            return dims.length() == 0 ? new JavaType(name, args) : of(name + dims);
        }

        private static JavaType orObject(JavaType t) {
            return t == null ? OBJECT : t;
        }

        private String name() {
            int start = pos;
            while (pos < text.length() && (Character.isJavaIdentifierPart(text.charAt(pos))
                    || text.charAt(pos) == '.' && pos + 1 < text.length()
                    && Character.isJavaIdentifierStart(text.charAt(pos + 1)))) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("cannot read the type '" + text + "' at " + pos);
            }
            return text.substring(start, pos);
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private boolean consume(char c) {
            if (peek(c)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw new IllegalArgumentException("cannot read the type '" + text + "': '" + c + "' expected at "
                        + pos);
            }
        }
    }
}
