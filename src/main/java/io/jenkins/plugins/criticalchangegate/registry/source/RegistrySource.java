package io.jenkins.plugins.criticalchangegate.registry.source;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Where the registry's text comes from. Implementations are thread-safe and never expose a secret in
 * {@link #describe()}, {@link Object#toString()} or a message.
 */
public interface RegistrySource {
    /**
     * How messages and the status name this source, e.g. {@code inline registry}, {@code file /etc/x.yaml},
     * {@code https://host/path} (never user-info nor query).
     */
    String describe();

    /**
     * Fetches the text unless it is known unchanged since {@code previous}.
     *
     * @param previous the validators of the last fetch whose content was used; null when there is none
     * @return the content, or "unchanged" with the validators to use next time
     * @throws SourceException naming the source and the problem (I/O error, HTTP status, too large, too slow...)
     * @throws InterruptedException if the calling thread is interrupted while waiting for the source
     */
    Fetched fetch(@CheckForNull Fetched.Validators previous) throws SourceException, InterruptedException;
}
