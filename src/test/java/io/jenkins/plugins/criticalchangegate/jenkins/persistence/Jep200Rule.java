package io.jenkins.plugins.criticalchangegate.jenkins.persistence;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.lang.invoke.MethodType;
import java.util.Set;

/**
 * build.xml and config.xml: Jenkins' {@code XStream2}, whose {@code BlacklistedTypesConverter}, consulted before every
 * other converter, refuses to write or read any class JEP-200's {@code ClassFilterImpl} rejects. Its rule: arrays,
 * throwables and enums pass; classes of Jenkins core, Remoting and plugin jars pass (by their code source); anything
 * else, the JRE's classes included, passes only when named in {@code whitelisted-classes.txt}. A primitive field is
 * read as its box, so the box must be whitelisted. Fields that are static or transient are not written. Where each
 * rule is:
 * <ul>
 * <li>jenkins-2.479.3, {@code core/src/main/java/hudson/util/XStream2.java:333} (registered at
 * {@code PRIORITY_VERY_HIGH}), 639-658 (refuses to marshal or unmarshal what {@code ClassFilter.DEFAULT} blacklists),
 * {@code jenkins/model/Jenkins.java:1014} ({@code ClassFilterImpl.register()} makes it the default),
 * {@code jenkins/security/ClassFilterImpl.java:149-160} (arrays, throwables, enums), 161-166 (core, Remoting, plugin
 * jars), 174-177 (the whitelist), 184-186 (everything else rejected), 267-275 (no code source: the JRE);
 * {@code core/src/main/resources/jenkins/security/whitelisted-classes.txt} (the lines {@link PersistenceTest} cites);
 * <li>XStream 1.4.21 (Jenkins 2.479.3's), {@code mapper/DefaultImplementationsMapper.java:42-49} (a primitive read as
 * its box), {@code converters/reflection/PureJavaReflectionProvider.java:166-171, 196-199} (static and transient fields
 * not written), which Jenkins' {@code RobustReflectionConverter.java:206} uses.
 * </ul>
 */
final class Jep200Rule implements StorageRule {
    private final String store;
    private final Set<String> whitelisted;

    /**
     * @param store the file, {@code build.xml} or {@code config.xml}
     * @param whitelisted the names of the classes from outside the plugin that the store may hold: the few lines of
     *     {@code whitelisted-classes.txt} the plugin relies on (and any Jenkins core class it were to store, which
     *     {@code ClassFilterImpl} passes by its location)
     */
    Jep200Rule(String store, Set<String> whitelisted) {
        this.store = store;
        this.whitelisted = Set.copyOf(whitelisted);
    }

    @Override
    public String store() {
        return store + " (Jenkins' XStream2 with JEP-200's ClassFilterImpl)";
    }

    @Override
    @CheckForNull
    public String refusal(Class<?> type, boolean pluginClass) {
        Class<?> stored = MethodType.methodType(type).wrap().returnType(); // int to Integer, others unchanged
        if (pluginClass || stored.isArray() || Throwable.class.isAssignableFrom(stored)
                || Enum.class.isAssignableFrom(stored) || whitelisted.contains(stored.getName())) {
            return null;
        }
        // ClassFilterImpl locates a class by its code source: none means the JRE
        String what = stored.getProtectionDomain().getCodeSource() == null ? "a JRE class"
                : "a class from a library jar, neither Jenkins core nor a plugin,";
        return (type.isPrimitive() ? "is read as " + stored.getName() + ", " : "is ") + what
                + " missing from whitelisted-classes.txt: ClassFilterImpl rejects it, so XStream2 refuses to write"
                + " or read it";
    }
}
