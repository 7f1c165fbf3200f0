package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.RootAction;
import io.jenkins.plugins.criticalchangegate.inbox.GateKey;
import io.jenkins.plugins.criticalchangegate.inbox.Inbox;
import io.jenkins.plugins.criticalchangegate.inbox.OpenGates;
import io.jenkins.plugins.criticalchangegate.inbox.WhoMayAct;
import io.jenkins.plugins.criticalchangegate.jenkins.JenkinsFacade;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Actor;
import io.jenkins.plugins.criticalchangegate.jenkins.step.RealmIdentityComparison;
import io.jenkins.plugins.criticalchangegate.policy.Person;
import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.UnknownSystems;
import io.jenkins.plugins.criticalchangegate.registry.source.LoadedRegistry;
import io.jenkins.plugins.criticalchangegate.registry.source.RegistryUnavailableException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.security.access.AccessDeniedException;

/**
 * The approvals inbox, {@code /critical-changes/} (issue 14): the open gates the current user may approve now
 * ("Waiting for me"), the ones waiting on others and the recently decided ones, each only for builds the user may
 * read (Item.READ), one click from the gate page; {@code api/json} gives the same for scripts and chat bots. Listed in
 * the side panel only for a user with something waiting. Reads the index ({@link GateIndex}): O(open gates).
 *
 * <p>"Who may act" is the policy's own answer ({@link WhoMayAct}) with the registry in use and the user's id and
 * groups as the security realm authenticated them ({@link Actor}); without a registry nobody may act (fails closed).
 */
@Extension
public class InboxPage implements RootAction {
    private static final Logger LOGGER = Logger.getLogger(InboxPage.class.getName());
    public static final String URL_NAME = "critical-changes";
    /** How long a "has something waiting" answer for the side panel is reused while the index does not change. */
    static final long SIDE_PANEL_CACHE_MILLIS = 30_000;
    /** Bounded: one entry per user who looked recently. */
    private static final int SIDE_PANEL_CACHE_USERS = 1_000;

    /** Lists nothing: with it, nobody may approve anything. */
    private static final Registry NO_REGISTRY = new Registry(UnknownSystems.DENY, List.of());

    private final Map<String, Waiting> sidePanel = new ConcurrentHashMap<>();

    @Override
    @CheckForNull
    public String getIconFileName() {
        // only a user with something waiting sees the link; the page itself answers anyone (it shows what they may read).
        // Asked on every page that shows the side panel (lib/hudson/actions.jelly), for every user: whatever goes wrong
        // here (the index or the configuration not there yet during start-up, a registry the rule chokes on) must
        // hide the link, not turn every page of Jenkins into an error.
        try {
            return hasSomethingWaiting() ? "clipboard.png" : null;
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "approvals inbox: could not tell whether the current user has a gate waiting", e);
            return null;
        }
    }

    @Override
    public String getDisplayName() {
        return "Critical changes";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** The current user's inbox, computed now. */
    public InboxView getInbox() {
        Optional<Person> who = Actor.from(new JenkinsFacade().authentication()).map(Actor::person);
        OpenGates gates = GateIndex.get().gates();
        Instant now = Instant.now();
        Predicate<GateKey> readable = readableByCurrentUser();
        Optional<LoadedRegistry> registry = registry();
        if (who.isEmpty() || registry.isEmpty()) {
            // nobody to act, or nothing to decide who may: everyone's gates are "on others"
            Inbox inbox = Inbox.of(gates, new WhoMayAct(NO_REGISTRY, RealmIdentityComparison.INSTANCE), Person.ANONYMOUS,
                    readable, now);
            return new InboxView(inbox, who.map(Person::id).orElse(null), registry.isEmpty()
                    ? "No registry of critical systems is loaded: nobody may approve until one is."
                    : "Log in to see the gates waiting for you.");
        }
        WhoMayAct rule = new WhoMayAct(registry.get().registry(), RealmIdentityComparison.INSTANCE);
        return new InboxView(Inbox.of(gates, rule, who.get(), readable, now), who.get().id(), null);
    }

    /** For {@code api/json}: the same data as the page. */
    public Api getApi() {
        return new Api(getInbox());
    }

    /** Whether the current user may approve at least one open gate now; cached briefly per user. */
    boolean hasSomethingWaiting() {
        Optional<Person> who = Actor.from(new JenkinsFacade().authentication()).map(Actor::person);
        Optional<LoadedRegistry> registry = registry();
        if (who.isEmpty() || registry.isEmpty()) {
            return false;
        }
        GateIndex index = GateIndex.get();
        long version = index.version();
        String key = who.get().id() + "\u0000" + String.join(",", who.get().groups());
        long now = System.currentTimeMillis();
        Waiting cached = sidePanel.get(key);
        if (cached != null && cached.version == version && cached.registry.equals(registry.get().sha256())
                && now < cached.until) {
            return cached.answer;
        }
        WhoMayAct rule = new WhoMayAct(registry.get().registry(), RealmIdentityComparison.INSTANCE);
        boolean answer = Inbox.anyWaitingFor(index.gates(), rule, who.get(), readableByCurrentUser(), Instant.now());
        if (sidePanel.size() >= SIDE_PANEL_CACHE_USERS) {
            sidePanel.clear();
        }
        sidePanel.put(key, new Waiting(version, registry.get().sha256(), now + SIDE_PANEL_CACHE_MILLIS, answer));
        return answer;
    }

    private static Optional<LoadedRegistry> registry() {
        try {
            return Optional.of(CriticalChangeGateConfiguration.get().registry());
        } catch (RegistryUnavailableException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the current user may read the gate's job (Item.READ, and every folder on the way), asked once per job
     * for one page. A job gone, or one they may only discover, is not readable.
     */
    static Predicate<GateKey> readableByCurrentUser() {
        JenkinsFacade jenkins = new JenkinsFacade();
        Map<String, Boolean> seen = new HashMap<>();
        return key -> seen.computeIfAbsent(key.job(), name -> {
            try {
                Job<?, ?> job = jenkins.item(name, Job.class);
                return job != null && job.hasPermission(Item.READ);
            } catch (AccessDeniedException e) {
                return false; // Item.DISCOVER without Item.READ: they know it exists, they may not see its gates
            }
        });
    }

    /** A cached side-panel answer. */
    private static final class Waiting {
        final long version;
        final String registry;
        final long until;
        final boolean answer;

        Waiting(long version, String registry, long until, boolean answer) {
            this.version = version;
            this.registry = registry;
            this.until = until;
            this.answer = answer;
        }
    }
}
