package io.jenkins.plugins.criticalchangegate.jenkins.persistence;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks, by reflection, what a store writes for a root: every field that both Java serialization and XStream write
 * (neither {@code static} nor {@code transient}; an inner class's outer instance included), through the superclasses
 * that are the plugin's own, into the plugin's own classes, and into the elements of arrays and the declared type
 * arguments of collections, maps and {@code Optional}s; and asks a {@link StorageRule} whether the store may keep
 * each class met. JRE and Jenkins classes are leaves: what they write is theirs to get right.
 *
 * <p>A walk follows declared types. Given a sample (an instance of the root, or a value such as the step's return
 * value), it follows the classes the sample holds instead, wherever it holds a value; a {@code null} field or an
 * empty collection falls back to the declared type.
 */
final class PersistenceWalker {
    private final String pluginPackage;
    private final StorageRule rule;

    /**
     * @param pluginPackage the plugin's root package: classes under it are walked into, and are the plugin's own to
     *     the rule
     */
    PersistenceWalker(String pluginPackage, StorageRule rule) {
        this.pluginPackage = pluginPackage + ".";
        this.rule = rule;
    }

    /** Walks the declared types of a root class. */
    Walk walk(Class<?> root) {
        return walk(root, null);
    }

    /** Walks a root class, following the classes a sample instance of it holds. */
    Walk walk(Class<?> root, @CheckForNull Object sample) {
        Walk walk = new Walk(rule.store(), root.getSimpleName());
        new Visit(walk).node(root.getSimpleName(), root, sample, false);
        return walk;
    }

    /** Walks a value, such as what a step returns, by the classes it holds. */
    Walk walkValue(String name, Object value) {
        Walk walk = new Walk(rule.store(), name);
        new Visit(walk).node(name, value.getClass(), value, false);
        return walk;
    }

    private boolean isPluginClass(Class<?> type) {
        return type.getName().startsWith(pluginPackage);
    }

    /** One walk; each class (or, in a sample, each object) is walked into once. */
    private final class Visit {
        private final Walk walk;
        private final Set<Class<?>> typesWalked = new HashSet<>();
        private final Set<Object> valuesWalked = Collections.newSetFromMap(new IdentityHashMap<>());

        Visit(Walk walk) {
            this.walk = walk;
        }

        void node(String path, Type declared, @CheckForNull Object value, boolean field) {
            boolean open = isOpen(declared);
            // a field is reported even when a sample fills it: the sample shows one value, not all it may hold
            if (open && (value == null || field)) {
                walk.open(path, declared, value == null ? null : value.getClass());
            }
            Class<?> stored = value != null ? value.getClass() : open ? null : raw(declared);
            if (stored != null) {
                walk.countChecked();
                String refusal = rule.refusal(stored, isPluginClass(stored));
                if (refusal != null) {
                    walk.violation(path, stored, refusal);
                    return;
                }
            }
            contents(path, declared, stored != null ? stored : raw(declared), value);
        }

        private void contents(String path, Type declared, Class<?> type, @CheckForNull Object value) {
            if (type.isArray()) {
                Type component = declared instanceof GenericArrayType
                        ? ((GenericArrayType) declared).getGenericComponentType() : type.getComponentType();
                elements(path + "[]", component, value == null ? null : arrayElements(value));
            } else if (Collection.class.isAssignableFrom(type)) {
                elements(path + "[]", typeArgument(declared, 0, 1), (Collection<?>) value);
            } else if (Map.class.isAssignableFrom(type)) {
                entries(path, declared, (Map<?, ?>) value);
            } else if (type == Optional.class) {
                elements(path + "[]", typeArgument(declared, 0, 1),
                        value == null ? null : ((Optional<?>) value).stream().toList());
            } else if (isPluginClass(type) && !Enum.class.isAssignableFrom(type)) {
                // an enum is written by its name, never by its fields
                fields(path, type, value);
            }
        }

        private void entries(String path, Type declared, @CheckForNull Map<?, ?> map) {
            Type keyType = typeArgument(declared, 0, 2);
            Type valueType = typeArgument(declared, 1, 2);
            elements(path + "{key}", keyType, map == null ? null : map.keySet());
            if (map == null || map.isEmpty()) {
                elements(path + "{}", valueType, map == null ? null : List.of());
                return;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = entry.getKey() instanceof String ? "{" + entry.getKey() + "}" : "{}";
                elements(path + name, valueType, Collections.singletonList(entry.getValue()));
            }
        }

        /**
         * The elements a sample holds, or, when it holds none, the declared element type; {@code null} elements are
         * stored as nothing. An element type the declaration does not give is {@code Object} without a sample.
         */
        private void elements(String path, @CheckForNull Type elementType, @CheckForNull Collection<?> values) {
            boolean any = false;
            if (values != null) {
                for (Object element : values) {
                    if (element != null) {
                        any = true;
                        node(path, elementType == null ? Object.class : elementType, element, false);
                    }
                }
            }
            if (!any && (elementType != null || values == null)) {
                node(path, elementType == null ? Object.class : elementType, null, false);
            }
        }

        private void fields(String path, Class<?> type, @CheckForNull Object value) {
            if (value == null ? !typesWalked.add(type) : !valuesWalked.add(value)) {
                return;
            }
            for (Class<?> c = type; c != null && isPluginClass(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
                        continue;
                    }
                    walk.countField();
                    Object held = value == null ? null : read(field, value);
                    node(path + "." + field.getName(), field.getGenericType(), held, true);
                }
            }
        }
    }

    @CheckForNull
    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new AssertionError("cannot read " + field + " of the sample", e);
        }
    }

    private static List<Object> arrayElements(Object array) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            elements.add(Array.get(array, i));
        }
        return elements;
    }

    /** The declared argument of a generic type with {@code arity} arguments, or {@code null} when not declared. */
    @CheckForNull
    private static Type typeArgument(Type declared, int index, int arity) {
        if (declared instanceof ParameterizedType) {
            Type[] arguments = ((ParameterizedType) declared).getActualTypeArguments();
            return arguments.length == arity ? arguments[index] : null;
        }
        return null;
    }

    /** Whether the declared type leaves the stored class to the value: interfaces, abstract classes, Object... */
    private static boolean isOpen(Type declared) {
        if (declared instanceof TypeVariable || declared instanceof WildcardType) {
            return true;
        }
        Class<?> type = raw(declared);
        return !type.isPrimitive() && !type.isArray() && !Enum.class.isAssignableFrom(type)
                && (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type == Object.class);
    }

    private static Class<?> raw(Type declared) {
        if (declared instanceof Class) {
            return (Class<?>) declared;
        } else if (declared instanceof ParameterizedType) {
            return raw(((ParameterizedType) declared).getRawType());
        } else if (declared instanceof GenericArrayType) {
            return Array.newInstance(raw(((GenericArrayType) declared).getGenericComponentType()), 0).getClass();
        } else if (declared instanceof TypeVariable) {
            return raw(((TypeVariable<?>) declared).getBounds()[0]);
        } else if (declared instanceof WildcardType) {
            return raw(((WildcardType) declared).getUpperBounds()[0]);
        }
        throw new IllegalArgumentException("unknown kind of type: " + declared);
    }
}
