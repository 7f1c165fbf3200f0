package io.jenkins.plugins.criticalchangegate.registry.source;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** Registry texts and a settable clock shared by the registry source tests. */
final class SourceFixtures {
    /** One system, approvalTimeout 7d (line 12, value at column 22). */
    static final String ONE_SYSTEM = String.join("\n",
            "version: 1",
            "unknownSystems: deny",
            "defaults:",
            "  documentation:",
            "    allowedHosts: [wiki.example.com]",
            "systems:",
            "  - id: checkout-service",
            "    name: Checkout",
            "    tier: 1",
            "    owners: [team-checkout]",
            "    approvers: [checkout-leads, sre-oncall]",
            "    approvalTimeout: 7d",
            "");

    /** Two systems, the second asking for approvalTimeout 30d (line 18, column 22). */
    static final String TWO_SYSTEMS = ONE_SYSTEM + String.join("\n",
            "  - id: payments-ledger",
            "    name: Payments ledger",
            "    tier: 1",
            "    owners: [team-payments]",
            "    approvers: [payments-leads, sre-oncall]",
            "    approvalTimeout: 30d",
            "");

    /** Valid YAML, but not a valid registry: unknownSystems has a wrong value at line 2, column 17. */
    static final String INVALID = ONE_SYSTEM.replace("unknownSystems: deny", "unknownSystems: maybe");

    private SourceFixtures() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A clock the test moves by hand: ages in messages are then exact. */
    static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
