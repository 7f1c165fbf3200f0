/**
 * Text shown to people: the one way every layer quotes what a user or a file gave it (issue 17: control characters
 * from arguments and files are escaped everywhere they are echoed). The lowest layer: it uses no other package.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.text;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
