package io.jenkins.plugins.criticalchangegate.policy;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.Serializable;
import java.util.Locale;

/**
 * How user ids and group names compare: two ids are the same person when their keys are equal. Jenkins' default
 * {@code IdStrategy} ignores case, so {@link #IGNORING_CASE} is the default; the Jenkins layer supplies one built on
 * the security realm's {@code IdStrategy} and {@code GroupIdStrategy} ({@code keyFor}), so that a realm with
 * case-sensitive ids is compared as it compares them.
 *
 * <p>Serializable, because a paused gate keeps the comparison it was started with. Implementations must be
 * deterministic and must not return {@code null}.
 */
@SuppressFBWarnings(value = "IC_SUPERCLASS_USES_SUBCLASS_DURING_INITIALIZATION", justification = "Initializing"
        + " Standard does not initialize this interface (it declares no default method), so no class-init cycle")
public interface IdentityComparison extends Serializable {
    /** Ids and groups equal when equal ignoring case (root locale) and surrounding blanks: Jenkins' default. */
    IdentityComparison IGNORING_CASE = Standard.IGNORING_CASE;

    /** Ids and groups equal only when spelled identically (after trimming surrounding blanks). */
    IdentityComparison CASE_SENSITIVE = Standard.CASE_SENSITIVE;

    /** The form of a user id used for comparison. */
    String userKey(String userId);

    /** The form of a group name used for comparison. */
    String groupKey(String group);

    /** The two built-in comparisons; an enum so that deserialization keeps them singletons. */
    enum Standard implements IdentityComparison {
        IGNORING_CASE {
            @Override
            public String userKey(String userId) {
                return userId.strip().toLowerCase(Locale.ROOT);
            }

            @Override
            public String groupKey(String group) {
                return group.strip().toLowerCase(Locale.ROOT);
            }
        },
        CASE_SENSITIVE {
            @Override
            public String userKey(String userId) {
                return userId.strip();
            }

            @Override
            public String groupKey(String group) {
                return group.strip();
            }
        }
    }
}
