package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.attestation.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The key pair {@code attest keygen} writes: {@code attestation.key} (PKCS#8 PEM) created owner-only, so the secret is
 * never readable by others, not even between creation and a later chmod; and {@code attestation.pub}.
 */
final class KeyFiles {
    static final String PRIVATE = "attestation.key";
    static final String PUBLIC = "attestation.pub";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    final Path privateKey;
    final Path publicKey;
    final String keyId;

    private KeyFiles(Path privateKey, Path publicKey, String keyId) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId;
    }

    /**
     * Writes both files; refuses when either exists (an overwritten key would orphan every attestation it signed).
     *
     * @throws IOException naming the file that exists or cannot be written
     */
    static KeyFiles write(Path dir, SigningKey key) throws IOException {
        Files.createDirectories(dir);
        Path priv = dir.resolve(PRIVATE);
        Path pub = dir.resolve(PUBLIC);
        for (Path existing : new Path[] {priv, pub}) {
            if (Files.exists(existing)) {
                throw new FileAlreadyExistsException(existing.toString(), null,
                        "exists; attest keygen never overwrites a key (move it away first)");
            }
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(priv, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            // no POSIX permissions (Windows): create it, then leave read and write to the owner alone
            Files.createFile(priv);
            java.io.File file = priv.toFile();
            boolean restricted = file.setReadable(false, false) && file.setReadable(true, true)
                    && file.setWritable(false, false) && file.setWritable(true, true);
            if (!restricted) {
                Files.delete(priv);
                throw new IOException("cannot make " + priv + " readable by its owner only");
            }
        }
        Files.writeString(priv, key.toPem(), StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(pub, key.publicKey().toPem(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        return new KeyFiles(priv, pub, key.keyId());
    }
}
