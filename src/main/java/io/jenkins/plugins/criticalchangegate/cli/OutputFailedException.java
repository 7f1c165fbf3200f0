package io.jenkins.plugins.criticalchangegate.cli;

import java.io.IOException;

/**
 * Standard output or standard error refused a write. Unchecked on purpose: {@link java.io.PrintStream} swallows
 * every {@link IOException} of the stream under it (it only sets a flag for {@code checkError()}), but lets a runtime
 * exception through, so this one travels from the failed write through the command to {@link Main}, which stops
 * there and exits {@link ExitCode#OUTPUT}: a closed pipe stops the work at once.
 */
final class OutputFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String stream;

    OutputFailedException(String stream, IOException cause) {
        super("cannot write to " + stream + ": " + reason(cause), cause);
        this.stream = stream;
    }

    /** {@code standard output} or {@code standard error}. */
    String stream() {
        return stream;
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
