package io.jenkins.plugins.criticalchangegate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.Authorization;
import io.jenkins.plugins.criticalchangegate.documentation.ChangeIdRule;
import io.jenkins.plugins.criticalchangegate.documentation.CheckLimits;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationCheck;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import io.jenkins.plugins.criticalchangegate.documentation.Evidence;
import io.jenkins.plugins.criticalchangegate.registry.CriticalSystem;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.Resolution;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docs check --registry FILE --system ID --change ID URL [--auth-env VAR]}: runs the documentation check the
 * gate runs, with the system's documentation policy from the registry, and prints the evidence as one JSON object.
 * Exit codes are {@link ExitCode}'s, as in every command: 0 when VERIFIED or NOT_CRITICAL, 1 when refused, denied or
 * the registry is invalid, 2 for usage errors and a missing or unreadable registry.
 *
 * <p>A system the registry resolves as NOT_CRITICAL gets no check: the gate passes such a change at once and never
 * looks at its documentation, and no policy says which hosts its pages may live on. The tool says so and exits 0, as
 * {@code simulate} does for such a system, without any request, so that it cannot be used to fetch URLs the registry
 * does not vouch for. A DENIED system
 * (a near-miss of a listed id, or unknown under {@code unknownSystems: deny}) exits 1 with the registry's message.
 */
final class DocsCommand implements Command {
    static final String USAGE = "usage: docs check --registry FILE --system ID --change ID URL [--auth-env VAR]"
            + " [--connect-timeout SECONDS] [--read-timeout SECONDS]";
    private static final int MAX_TIMEOUT_SECONDS = 300;

    @Override
    public String name() {
        return "docs";
    }

    @Override
    public String summary() {
        return "check a change's documentation URL";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("'docs' needs a subcommand", USAGE);
        }
        if (args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            printHelp(console);
            return ExitCode.OK;
        }
        if (!args.get(0).equals("check")) {
            throw new UsageException("unknown subcommand 'docs " + args.get(0) + "'", USAGE);
        }
        Arguments arguments = Arguments.parse(args.subList(1, args.size()),
                Set.of("registry", "system", "change", "auth-env", "connect-timeout", "read-timeout"),
                Set.of("help"));
        if (arguments.flag("help")) {
            printHelp(console);
            return ExitCode.OK;
        }
        String registryFile = arguments.required("registry");
        String system = arguments.required("system");
        String change = arguments.required("change");
        if (arguments.positional().size() != 1) {
            throw new UsageException("give exactly one URL to check (got " + arguments.positional().size() + ")");
        }
        String url = arguments.positional().get(0);
        Authorization authorization = authorization(arguments, console);
        CheckLimits limits = CheckLimits.defaults();
        Optional<String> connect = arguments.option("connect-timeout");
        if (connect.isPresent()) {
            limits = limits.withConnectTimeout(seconds("connect-timeout", connect.get()));
        }
        Optional<String> read = arguments.option("read-timeout");
        if (read.isPresent()) {
            limits = limits.withReadTimeout(seconds("read-timeout", read.get()));
        }

        String changeProblem = ChangeIdRule.problem(change.strip()); // the step's rule: a faithful dry run
        if (changeProblem != null) {
            throw new UsageException("--change " + changeProblem);
        }
        // read as every command reads a registry: unreadable is 2, invalid is 1 with its problems (issue 17)
        Optional<Registry> loaded = RegistryInput.loadOrReport(registryFile, console);
        if (loaded.isEmpty()) {
            return ExitCode.FAILED;
        }
        Registry registry = loaded.get();
        Resolution resolution = registry.resolve(system, null);
        Optional<CriticalSystem> critical = resolution.system();
        if (resolution.kind() == Resolution.Kind.DENIED) {
            console.err().println("denied: " + ControlCharacters.escape(resolution.message()));
            return ExitCode.FAILED;
        }
        if (critical.isEmpty()) {
            // as simulate answers NOT_CRITICAL with 0: the gate passes such a change at once, checking nothing, and
            // so does this command, which then fetches nothing (no policy says which hosts it may ask)
            console.err().println("not checked: " + ControlCharacters.escape(resolution.message())
                    + "; the gate passes its changes at"
                    + " once and checks no documentation for them, so neither does this command");
            return ExitCode.OK;
        }
        DocumentationPolicy policy = critical.get().documentation();

        Evidence evidence = new DocumentationCheck(client(limits), limits).check(url, change, policy, authorization);
        console.out().println(json(evidence));
        // the detail may quote what the server sent (a redirect's target)
        console.err().println(evidence.verdict() + " (" + evidence.reason() + "): "
                + ControlCharacters.escape(evidence.detail()));
        return evidence.isVerified() ? ExitCode.OK : ExitCode.FAILED;
    }

    @CheckForNull
    private static Authorization authorization(Arguments arguments, Console console) throws UsageException {
        Optional<String> variable = arguments.option("auth-env");
        if (variable.isEmpty()) {
            return null;
        }
        String value = console.env(variable.get()).orElseThrow(() -> new UsageException("--auth-env names the"
                + " environment variable " + variable.get() + ", which is not set"));
        try {
            return Authorization.of(value);
        } catch (IllegalArgumentException e) {
            // the message never repeats the value
            throw new UsageException("environment variable " + variable.get() + ": " + e.getMessage());
        }
    }

    private static Duration seconds(String option, String value) throws UsageException {
        int seconds;
        try {
            seconds = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " takes whole seconds, not '" + ControlCharacters.escape(String.valueOf(value)) + "'");
        }
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new UsageException("--" + option + " must be between 1 and " + MAX_TIMEOUT_SECONDS
                    + " seconds, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * The client the gate's rules need: it never follows redirects by itself (the check follows them, checking
     * each target), it gives up connecting after the connect timeout, it trusts the JVM's default certificates, and
     * it goes through the JVM's proxy settings ({@code -Dhttps.proxyHost=...}), as Jenkins goes through its own.
     */
    private static HttpClient client(CheckLimits limits) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout());
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        return builder.build();
    }

    private static String json(Evidence evidence) {
        try {
            return new ObjectMapper().writeValueAsString(evidence.toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence holds only strings, numbers, booleans and lists", e);
        }
    }

    private static void printHelp(Console console) {
        console.out().println(USAGE);
        console.out().println();
        console.out().println("Checks URL as the gate checks a change's documentation page: the system's");
        console.out().println("documentation policy from the registry (allowed hosts, https, change id, required");
        console.out().println("sections), at most 3 redirects each checked before it is followed, 1 MiB, and");
        console.out().println("connect + read time (default 5 s + 15 s). Prints the evidence as one JSON object.");
        console.out().println();
        console.out().println("  --registry FILE          the critical-systems registry (YAML)");
        console.out().println("  --system ID              the system the change is for");
        console.out().println("  --change ID              the change id the page must mention");
        console.out().println("  --auth-env VAR           send the value of environment variable VAR as the");
        console.out().println("                           Authorization header (to the URL's own host only)");
        console.out().println("  --connect-timeout SECONDS, --read-timeout SECONDS   override the defaults");
        console.out().println();
        console.out().println("--change follows the step's changeId rule: at most 128 characters, letters, digits");
        console.out().println("and . _ : / # -, starting with a letter or digit.");
        console.out().println();
        console.out().println("Exit codes: 0 VERIFIED, or the system is not critical (the gate checks nothing, nor");
        console.out().println("does this command); 1 refused, denied by the registry, or an invalid registry; 2 usage");
        console.out().println("error or a missing or unreadable registry (the table: java -jar ... --help).");
        console.out().println("See docs/documentation-check.md for the rules and reason codes.");
    }
}
