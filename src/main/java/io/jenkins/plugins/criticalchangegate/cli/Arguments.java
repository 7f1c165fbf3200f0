package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line arguments parsed against the options a command declares: {@code --name value}, {@code --name=value},
 * repeatable options, flags without a value, and positional arguments. Anything else is a {@link UsageException}
 * that names the offending argument.
 */
final class Arguments {
    private final Map<String, List<String>> options;
    private final List<String> positional;
    private final Set<String> flags;

    private Arguments(Map<String, List<String>> options, List<String> positional, Set<String> flags) {
        this.options = options;
        this.positional = positional;
        this.flags = flags;
    }

    /**
     * Parses arguments.
     *
     * @param args the arguments
     * @param withValue the options that take a value, without their leading {@code --}
     * @param flags the options that take none, without their leading {@code --}
     * @return the parsed arguments
     * @throws UsageException for an unknown option or an option without its value
     */
    static Arguments parse(List<String> args, Set<String> withValue, Set<String> flags) throws UsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        java.util.HashSet<String> seenFlags = new java.util.HashSet<>();
        boolean onlyPositional = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositional || !arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + ControlCharacters.escape(name) + " takes no value");
                }
                seenFlags.add(name);
            } else if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option " + ControlCharacters.escape(arg));
            }
        }
        return new Arguments(options, Collections.unmodifiableList(positional), Set.copyOf(seenFlags));
    }

    /** The value of an option given at most once. */
    Optional<String> option(String name) throws UsageException {
        List<String> values = options.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new UsageException("option --" + name + " is given more than once");
        }
        return values.stream().findFirst();
    }

    /** The value of an option that must be given exactly once. */
    String required(String name) throws UsageException {
        return option(name).orElseThrow(() -> new UsageException("option --" + name + " is required"));
    }

    /** Every value of a repeatable option, in the order given. */
    List<String> all(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }
}
