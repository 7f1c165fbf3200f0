/**
 * Credentials the gate uses on the build's behalf: the documentation site's token or password, turned into an
 * {@code Authorization} header as the credentials plugin's consumer guide says (looked up in the build's context,
 * then tracked). Serves the step's and the registry URL source's {@code credentialsId} fields.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.credentials;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
