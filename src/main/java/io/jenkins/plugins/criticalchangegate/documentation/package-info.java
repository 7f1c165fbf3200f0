/**
 * The check of a change's documentation URL: which URLs may be fetched (scheme, host allow-list, no user-info), the bounded fetch itself through an injected HTTP client, and the evidence kept for the audit trail. Jenkins-free.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.documentation;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
