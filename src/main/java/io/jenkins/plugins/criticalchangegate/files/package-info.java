/**
 * Files and directories read the way every layer needs them: a directory listing that fails as an
 * {@link java.io.IOException} wherever it fails ({@link io.jenkins.plugins.criticalchangegate.files.Directories}).
 * The lowest layer with {@code text}: it uses nothing of the plugin.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.files;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
