package io.jenkins.plugins.criticalchangegate.benchmarks.registry;

import java.util.Random;

/**
 * Registries of any size, generated the same way every time (fixed seed): systems spread over 50 organisation
 * folders, each bound to its jobs by a mix of glob shapes ({@code org/system/**}, {@code org/system/deploy-*},
 * literal job names), plus a few globs that start with a wildcard and so sit at the index's root, as real registries
 * have a few.
 */
final class GeneratedRegistry {
    static final int ROOT_WILDCARD_GLOBS = 5;

    private GeneratedRegistry() {
    }

    static String id(int i) {
        return String.format("system-%06d", i);
    }

    static String folder(int i) {
        return "org-" + (i % 50) + "/" + id(i);
    }

    /** A job full name bound to system {@code i}. */
    static String boundJob(int i) {
        switch (i % 3) {
            case 0:
                return folder(i) + "/pipelines/deploy-prod";
            case 1:
                return folder(i) + "/deploy-eu";
            default:
                return folder(i) + "/release";
        }
    }

    static String yaml(int systems) {
        Random random = new Random(335);
        StringBuilder out = new StringBuilder(systems * 220 + 512);
        out.append("version: 1\nunknownSystems: allow\ndefaults:\n  requiredApprovals: 2\n  approvalTimeout: 24h\n")
                .append("  documentation:\n    allowedHosts: [wiki.example.com, \"*.docs.example.com\"]\n")
                .append("systems:\n");
        for (int i = 0; i < systems; i++) {
            out.append("  - id: ").append(id(i)).append('\n')
                    .append("    name: System ").append(i).append('\n')
                    .append("    tier: ").append(1 + random.nextInt(3)).append('\n')
                    .append("    owners: [team-").append(i % 700).append("]\n")
                    .append("    approvers: [leads-").append(i % 300).append(", sre-oncall, \"user:owner")
                    .append(i).append("\"]\n")
                    .append("    jobs: [");
            switch (i % 3) {
                case 0:
                    out.append('"').append(folder(i)).append("/**\"");
                    break;
                case 1:
                    out.append('"').append(folder(i)).append("/deploy-*\"");
                    break;
                default:
                    out.append('"').append(folder(i)).append("/release\"");
                    break;
            }
            if (i < ROOT_WILDCARD_GLOBS) {
                out.append(", \"*/legacy-").append(i).append('"');
            }
            out.append("]\n");
        }
        return out.toString();
    }
}
