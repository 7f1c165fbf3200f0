/**
 * Reading what a remote server sends, within bounds it cannot move: a response body subscriber that never holds
 * more than a limit (keeping the first bytes and saying so, or refusing the body), and the exchange that waits for
 * it until a deadline and then aborts it. The one place that bounds a server's answer, shared by the documentation
 * check and the registry's URL source. Jenkins-free.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.http;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
