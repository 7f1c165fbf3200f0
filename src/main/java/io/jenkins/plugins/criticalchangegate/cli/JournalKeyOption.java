package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import io.jenkins.plugins.criticalchangegate.audit.JournalKeyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The journal's HMAC key as the commands that open a journal take it: {@code --key-file FILE} (the file Jenkins'
 * "Download verification key" gives, read by {@link JournalKeyFile}) or {@code --key-env VAR} (the UTF-8 bytes of an
 * environment variable), never both. Every message names the option and the file or variable, never the key.
 */
final class JournalKeyOption {
    static final String FILE = "key-file";
    static final String ENV = "key-env";

    private JournalKeyOption() {
    }

    /**
     * @return the key, or empty when neither option was given
     * @throws UsageException for both options at once, a missing or malformed file, an unset or empty variable
     */
    static Optional<byte[]> from(Arguments arguments, Console console) throws UsageException {
        Optional<String> file = arguments.option(FILE);
        Optional<String> variable = arguments.option(ENV);
        if (file.isPresent() && variable.isPresent()) {
            throw new UsageException("give the key once: --key-file or --key-env, not both");
        }
        if (file.isPresent()) {
            return Optional.of(fromFile(console.resolve(file.get())));
        }
        if (variable.isPresent()) {
            String value = console.env(variable.get()).orElse("");
            if (value.isEmpty()) {
                throw new UsageException("--key-env " + variable.get() + ": that environment variable is not set or"
                        + " empty");
            }
            return Optional.of(value.getBytes(StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    /** Whether either option was given (a command may allow them only with another option). */
    static boolean given(Arguments arguments) throws UsageException {
        return arguments.option(FILE).isPresent() || arguments.option(ENV).isPresent();
    }

    private static byte[] fromFile(Path file) throws UsageException {
        try {
            return JournalKeyFile.read(file);
        } catch (JournalKeyFile.KeyFileException e) {
            throw new UnreadableInputException("--key-file " + e.getMessage());
        } catch (IOException e) {
            throw new UnreadableInputException("--key-file " + ControlCharacters.escape(String.valueOf(file)) + ": cannot read it: " + e.getMessage());
        }
    }
}
