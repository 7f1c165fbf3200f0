package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * The member a path step looks for, as JEXL looks for it: a public method by name and number of arguments (a getter,
 * a boolean {@code isX()}, a keyed {@code get(String)}, a call), or a public field; in a manifest line, in a plugin
 * class's own declarations, or among a library class's public members. Its type is the member's return or field type,
 * with the owner's type arguments put in for the owner class's type variables ({@code List<GateEntry>.get(int)} is a
 * {@code GateEntry}).
 */
final class MemberMatch {
    final String name;
    final boolean field;
    final int arity;
    final boolean booleanOnly;
    final boolean keyed;

    private MemberMatch(String name, boolean field, int arity, boolean booleanOnly, boolean keyed) {
        this.name = name;
        this.field = field;
        this.arity = arity;
        this.booleanOnly = booleanOnly;
        this.keyed = keyed;
    }

    static MemberMatch method(String name, int arity) {
        return new MemberMatch(name, false, arity, false, false);
    }

    /** JEXL reads {@code x} through {@code isX()} only when it returns a primitive boolean. */
    static MemberMatch isMethod(String name) {
        return new MemberMatch(name, false, 0, true, false);
    }

    static MemberMatch field(String name) {
        return new MemberMatch(name, true, -1, false, false);
    }

    /** {@code get(String)} or {@code get(Object)}: a map's value, or another class's keyed lookup. */
    static MemberMatch key() {
        return new MemberMatch("get", false, 1, false, true);
    }

    private boolean returnsAndTakes(String returns, List<String> parameters) {
        if (parameters.size() != arity || booleanOnly && !returns.equals("boolean")) {
            return false;
        }
        return !keyed || parameters.get(0).equals("java.lang.String") || parameters.get(0).equals("java.lang.Object");
    }

    boolean accepts(JenkinsApi.MemberEntry m) {
        if (!m.isPublic || m.isMethod == field || !m.name.equals(name)) {
            return false;
        }
        return field || returnsAndTakes(m.erasedType, m.parameters);
    }

    private boolean accepts(Method m) {
        if (!Modifier.isPublic(m.getModifiers()) || m.isBridge() || m.isSynthetic() || !m.getName().equals(name)
                || field) {
            return false;
        }
        List<String> parameters = new ArrayList<>();
        for (Class<?> p : m.getParameterTypes()) {
            parameters.add(JavaType.of(p).name());
        }
        return returnsAndTakes(JavaType.of(m.getReturnType()).name(), parameters);
    }

    /** In a public plugin class's own declarations. */
    JavaType declared(Class<?> c, JavaType owner) {
        if (!Modifier.isPublic(c.getModifiers())) {
            return null;
        }
        return first(List.of(c.getDeclaredMethods()), List.of(c.getDeclaredFields()), c, owner);
    }

    /** Among a library class's public members, inherited ones included, declared by public types. */
    JavaType inherited(Class<?> c, JavaType owner) {
        return first(List.of(c.getMethods()), List.of(c.getFields()), c, owner);
    }

    private JavaType first(List<Method> methods, List<Field> fields, Class<?> c, JavaType owner) {
        if (field) {
            for (Field f : fields) {
                if (f.getName().equals(name) && Modifier.isPublic(f.getModifiers())
                        && Modifier.isPublic(f.getDeclaringClass().getModifiers()) && !f.isSynthetic()) {
                    return substitute(f.getGenericType(), c, owner);
                }
            }
            return null;
        }
        for (Method m : methods) {
            if (accepts(m) && Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                return substitute(m.getGenericReturnType(), c, owner);
            }
        }
        return null;
    }

    /** A type variable of the owner's class becomes the owner's type argument: List<GateEntry>.get(int). */
    private static JavaType substitute(Type type, Class<?> c, JavaType owner) {
        if (type instanceof TypeVariable<?>) {
            TypeVariable<?>[] params = c.getTypeParameters();
            for (int i = 0; i < params.length && i < owner.arguments().size(); i++) {
                if (params[i].equals(type)) {
                    return owner.arguments().get(i);
                }
            }
            return JavaType.of(type);
        }
        if (type instanceof ParameterizedType) {
            List<JavaType> args = new ArrayList<>();
            for (Type a : ((ParameterizedType) type).getActualTypeArguments()) {
                args.add(substitute(a, c, owner));
            }
            return JavaType.of(JavaType.of(((ParameterizedType) type).getRawType()).name(), args);
        }
        return JavaType.of(type);
    }
}
