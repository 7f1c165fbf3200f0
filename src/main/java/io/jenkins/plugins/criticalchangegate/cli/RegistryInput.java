package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.registry.Registry;
import io.jenkins.plugins.criticalchangegate.registry.RegistryException;
import io.jenkins.plugins.criticalchangegate.registry.RegistryParser;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * A registry file named on the command line: a file that cannot be read is a usage error (exit 2), a file that reads
 * but breaks the format is a {@link RegistryException} (exit 1, one line per problem). Messages name the file as the
 * user typed it.
 */
final class RegistryInput {
    private RegistryInput() {
    }

    static Registry load(String file, Console console) throws UsageException, RegistryException {
        byte[] bytes;
        try {
            bytes = RegistryParser.read(console.resolve(file), RegistryParser.maxFileBytes());
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        return RegistryParser.parse(bytes, file);
    }
}
