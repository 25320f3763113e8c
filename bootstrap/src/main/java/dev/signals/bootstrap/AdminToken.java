package dev.signals.bootstrap;

import dev.signals.application.service.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin bearer token (contract section 6): {@code SIGNALS_ADMIN_TOKEN} when set; otherwise one is
 * generated on first start and printed once to standard output, and only its hash is kept, in
 * {@code admin-token.sha256} in the data directory. Delete that file to have a new token generated.
 */
final class AdminToken {

    static final String HASH_FILE = "admin-token.sha256";
    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);

    private AdminToken() {
    }

    /** @return the hash of the admin token, generating (and printing) a token when there is none */
    static String hash(SignalsConfig config, PrintStream console) {
        if (config.adminToken() != null) {
            return Secrets.hash(config.adminToken());
        }
        Path file = config.dataDir().resolve(HASH_FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(config.dataDir());
            String token = Secrets.newSecret();
            write(file, Secrets.hash(token));
            console.printf("%n  Signals admin token (shown once; only its hash is kept in %s):%n%n    %s%n%n",
                    file, token);
            console.flush();
            LOG.info("Generated a new admin token; its hash is in {}", file);
            return Secrets.hash(token);
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin token hash in " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            String hash = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException(file + " does not hold an admin token hash; delete it to generate a new token");
            }
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String hash) throws IOException {
        Files.writeString(file, hash + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.debug("{} keeps the file system's default permissions", file);
        }
    }
}
