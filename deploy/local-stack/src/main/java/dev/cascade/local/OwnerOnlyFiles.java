package dev.cascade.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold the local stack's secrets (Kafka passwords, the webhook-secret key): readable by their owner only. */
final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /**
     * Creates {@code file} (which must not exist) with the permissions {@code rw-------}. On a file system without
     * POSIX permissions (Windows) the file is created plainly and takes the access rules of its directory, the data
     * directory in the user's own space.
     */
    static void create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }
}
