/**
 * The tamper-evident audit journal: hash-chained (optionally HMAC-keyed) JSON Lines records, durable appends, verification that pinpoints the first broken record, streaming queries and exports. Jenkins-free.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.audit;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
