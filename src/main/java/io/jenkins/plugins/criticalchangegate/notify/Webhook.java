package io.jenkins.plugins.criticalchangegate.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.documentation.OutboundUrl;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One configured webhook: where to (checked by the documentation check's URL rules against the allowed hosts), the
 * shared secret that signs its payloads (none: unsigned), which events and which systems it wants. An immutable value.
 */
public final class Webhook {
    private final OutboundUrl url;
    @CheckForNull
    private final byte[] secret;
    private final Set<NotificationEvent> events;
    private final Set<String> systems;

    /**
     * @param url the URL, checked against the allowed hosts
     * @param secret the shared secret's bytes, or {@code null} for unsigned deliveries
     * @param events the events it wants; empty means all
     * @param systems the system ids it wants (ignoring case); empty means all
     */
    public Webhook(OutboundUrl url, @CheckForNull byte[] secret, Set<NotificationEvent> events, Set<String> systems) {
        this.url = url;
        this.secret = secret == null || secret.length == 0 ? null : secret.clone();
        this.events = events.isEmpty() ? EnumSet.allOf(NotificationEvent.class) : EnumSet.copyOf(events);
        this.systems = systems.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /**
     * A webhook from configured text (the global configuration, JCasC).
     *
     * @throws IllegalArgumentException when the URL breaks the rules or an event name is unknown
     */
    public static Webhook of(String url, List<String> allowedHosts, boolean allowHttp, @CheckForNull byte[] secret,
            List<String> events, List<String> systems) {
        Set<NotificationEvent> wanted = EnumSet.noneOf(NotificationEvent.class);
        for (String name : events) {
            wanted.add(NotificationEvent.named(name).orElseThrow(() -> new IllegalArgumentException("unknown event '"
                    + name + "'; use gate.opened, gate.decided or gate.expiring")));
        }
        return new Webhook(OutboundUrl.check(url, allowedHosts, allowHttp), secret, wanted, Set.copyOf(systems));
    }

    /** Whether this webhook wants the payload. */
    public boolean wants(NotificationPayload payload) {
        return events.contains(payload.event())
                && (systems.isEmpty() || systems.contains(payload.system().strip().toLowerCase(Locale.ROOT)));
    }

    public OutboundUrl url() {
        return url;
    }

    /** The signature header's value for the body; {@code null} when the webhook has no secret. */
    @CheckForNull
    String signature(byte[] body) {
        byte[] s = secret;
        return s == null ? null : WebhookSignature.sign(s, body);
    }

    @Override
    public String toString() {
        return url.origin() + " " + events + (systems.isEmpty() ? "" : " " + systems);
    }
}
