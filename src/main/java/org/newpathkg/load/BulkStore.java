package org.newpathkg.load;

import java.nio.file.Path;

/**
 * Strategy: a {@link Tdb2Store} whose build streams the files into the TDB2 bulk loader, so
 * nothing is held in memory and nothing is validated ({@code --tdb2 DIR --skip-validation}).
 */
final class BulkStore extends Tdb2Store {
    BulkStore(Path dir, SourceTree src) {
        super(dir, src);
    }

    @Override
    public boolean streamed() {
        return true;
    }
}
