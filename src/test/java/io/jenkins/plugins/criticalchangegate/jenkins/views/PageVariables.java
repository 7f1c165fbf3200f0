package io.jenkins.plugins.criticalchangegate.jenkins.views;

import java.util.Map;
import java.util.Set;

/**
 * The variables a view starts with, and their types. Stapler sets {@code it}, {@code app}, {@code request2},
 * {@code response2} (and the deprecated {@code request}/{@code response}) for every view
 * ({@code org.kohsuke.stapler.jelly.DefaultScriptInvoker}); Jenkins adds {@code h}, {@code rootURL}, {@code resURL},
 * {@code imagesURL} ({@code hudson.Functions.initPageVariables}); {@code <st:include>} sets {@code from}.
 *
 * <p>{@code it} is the view's class ({@code <package>/<Class>/view.jelly}), except in a {@code config.jelly}: a
 * form fragment is included into another object's page (Manage Jenkins, a job, the Snippet Generator), so there
 * {@code it} is that page's object, and the fragment reads {@code instance} (the class; null for a new one) and
 * {@code descriptor} (its descriptor: the class itself when it is one, as a {@code GlobalConfiguration} is, else its
 * nested {@code Descriptor}), as {@code jenkins/model/Jenkins/configure.jelly} and
 * {@code lib/form/dropdownDescriptorSelector.jelly} set them. Elsewhere {@code instance} and {@code descriptor} are
 * unknown.
 *
 * <p>A few variables are accepted by name, their paths unchecked, because their type depends on the page that
 * includes the view: {@code from}, {@code attrs} (a tag file's attributes), {@code servletContext},
 * {@code requestScope}.
 */
final class PageVariables {
    private static final Map<String, String> TYPED = Map.of(
            "app", "jenkins.model.Jenkins",
            "h", "hudson.Functions",
            "request2", "org.kohsuke.stapler.StaplerRequest2",
            "response2", "org.kohsuke.stapler.StaplerResponse2",
            "request", "org.kohsuke.stapler.StaplerRequest",
            "response", "org.kohsuke.stapler.StaplerResponse",
            "rootURL", "java.lang.String",
            "resURL", "java.lang.String",
            "imagesURL", "java.lang.String");
    private static final Set<String> BY_NAME = Set.of("from", "attrs", "servletContext", "requestScope");

    private PageVariables() {
    }

    /** What the variable holds in the view, when no tag of the view set it. */
    static Binding of(String variable, JellyViews.View view, ViewTypes types) {
        if (TYPED.containsKey(variable)) {
            return Binding.typed(JavaType.of(TYPED.get(variable)));
        }
        if (BY_NAME.contains(variable)) {
            return Binding.untyped();
        }
        Class<?> owner = view.owner;
        boolean form = view.isFormFragment();
        switch (variable) {
            case "it":
                if (owner == null) {
                    return Binding.unavailable("this view belongs to no class, so it has no 'it'");
                }
                return form ? Binding.unavailable("in a config.jelly, 'it' is the object of the page that includes"
                        + " the form, not " + owner.getSimpleName() + ": read 'instance' or 'descriptor'")
                        : Binding.typed(JavaType.of(owner));
            case "instance":
                return form ? Binding.typed(JavaType.of(owner)) : unknown(variable);
            case "descriptor":
                return form ? descriptor(owner, types) : unknown(variable);
            default:
                return unknown(variable);
        }
    }

    private static Binding descriptor(Class<?> owner, ViewTypes types) {
        if (types.isA(JavaType.of(owner), "hudson.model.Descriptor")) {
            return Binding.typed(JavaType.of(owner));
        }
        Class<?> found = null;
        for (Class<?> nested : owner.getDeclaredClasses()) {
            if (types.isA(JavaType.of(nested), "hudson.model.Descriptor")) {
                if (found != null) {
                    return Binding.unavailable(owner.getSimpleName() + " has several nested descriptors");
                }
                found = nested;
            }
        }
        return found == null ? Binding.unavailable(owner.getSimpleName() + " has no nested Descriptor")
                : Binding.typed(JavaType.of(found));
    }

    private static Binding unknown(String variable) {
        return Binding.unavailable("unknown variable '" + variable + "': not set by <j:set> or <j:forEach> around"
                + " it, nor by Stapler or Jenkins for this view");
    }

    /** What a variable holds, for the check: a type to check paths against, anything, or an error. */
    static final class Binding {
        final JavaType type;
        final String problem;

        private Binding(JavaType type, String problem) {
            this.type = type;
            this.problem = problem;
        }

        static Binding typed(JavaType type) {
            return new Binding(type, null);
        }

        /** A value whose type the check cannot know: its paths are accepted unchecked. */
        static Binding untyped() {
            return new Binding(null, null);
        }

        static Binding unavailable(String why) {
            return new Binding(null, why);
        }
    }
}
