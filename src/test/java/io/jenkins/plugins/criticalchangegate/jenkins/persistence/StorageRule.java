package io.jenkins.plugins.criticalchangegate.jenkins.persistence;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** What one of Jenkins' stores may keep: the classes it writes and reads back, and why it refuses the others. */
interface StorageRule {
    /** The store, as the failure message names it, with the mechanism that writes it. */
    String store();

    /**
     * Why the store cannot keep an object of this class, or {@code null} when it can.
     *
     * @param type the class that would be written (primitive for a primitive field)
     * @param pluginClass whether it is one of the plugin's own classes
     */
    @CheckForNull
    String refusal(Class<?> type, boolean pluginClass);
}
