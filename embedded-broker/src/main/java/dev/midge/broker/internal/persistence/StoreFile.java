package dev.midge.broker.internal.persistence;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * The store's file: opened with the layout's version checked, and rewritten with only its live data when an
 * append-only store has grown past 16 MiB and four times its size after the last rewrite.
 *
 * <p>An append-only store never writes over the space of earlier versions: MVStore, when it reuses that space, can
 * come back from a killed process without its last few commits, which acknowledgements promised. The file then only
 * grows, until {@link #compactIfGrown} or {@link #closeAndCompact} rewrites it.
 *
 * <p>Used on the broker's thread.
 */
final class StoreFile {

    private static final Logger LOG = LoggerFactory.getLogger(MvStateStore.class);
    private static final String FORMAT_KEY = "version";
    /** Format 2 keeps an outgoing message's body apart from its in-flight state; format 1 kept them in one record. */
    private static final int FORMAT = 2;
    private static final long COMPACTION_MIN_BYTES = 16L * 1024 * 1024;
    private static final int COMPACTION_GROWTH = 4;

    private final Path file;
    private final Path compactionFile;
    private final boolean appendOnly;
    private MVStore store;
    private long compactedSize;

    private StoreFile(Path file, boolean appendOnly) {
        this.file = file;
        this.compactionFile = file.resolveSibling(file.getFileName() + ".compacting");
        this.appendOnly = appendOnly;
    }

    /**
     * Opens the file, creating it and its directory when missing.
     *
     * @param appendOnly     whether the store commits before acknowledgements and must never reuse space
     * @param autosaveMillis how often MVStore's own writer commits when the store is not append-only
     * @throws IllegalStateException naming the file, when it cannot be created, is locked by another process, is
     *                               not a store of this broker, or is corrupt
     */
    static StoreFile open(Path file, boolean appendOnly, long autosaveMillis) {
        StoreFile opened = new StoreFile(file, appendOnly);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(opened.compactionFile);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the directory of the persistence store " + file + ": "
                    + e, e);
        }
        Set<String> mapsFound = opened.open(autosaveMillis);
        try {
            opened.checkFormat(mapsFound);
        } catch (RuntimeException e) {
            opened.store.closeImmediately();
            throw e instanceof IllegalStateException ? e : new IllegalStateException("Cannot open the persistence "
                    + "store " + file + ": " + e.getMessage(), e);
        }
        return opened;
    }

    /** @return the names of the maps the file had */
    private Set<String> open(long autosaveMillis) {
        try {
            MVStore.Builder builder = new MVStore.Builder().fileName(file.toString());
            if (appendOnly) {
                builder.autoCommitDisabled();
            }
            store = builder.open();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot open the persistence store " + file + ": " + e.getMessage(), e);
        }
        if (appendOnly) {
            store.setReuseSpace(false);
        } else {
            store.setAutoCommitDelay((int) autosaveMillis);
        }
        compactedSize = size();
        return Set.copyOf(store.getMapNames());
    }

    private void checkFormat(Set<String> maps) {
        MVMap<String, Integer> format = store.openMap("format");
        Integer found = format.get(FORMAT_KEY);
        if (found == null && !maps.isEmpty()) {
            throw new IllegalStateException("The file " + file + " is not a persistence store of this broker");
        }
        if (found == null) {
            format.put(FORMAT_KEY, FORMAT);
            store.commit();
        } else if (found != FORMAT) {
            throw new IllegalStateException("The persistence store " + file + " has format " + found
                    + ", which this version of the broker cannot read (it reads format " + FORMAT + ")");
        }
    }

    /** @return the open store; another one after {@link #compactIfGrown} returned true */
    MVStore store() {
        return store;
    }

    /**
     * Rewrites the file with its live data when it has grown past its bound, and opens it again; a file that cannot
     * be rewritten is opened again as it is.
     *
     * @return whether the store was opened again, so that its maps must be too
     */
    boolean compactIfGrown() {
        long size = size();
        if (size <= COMPACTION_MIN_BYTES || size <= COMPACTION_GROWTH * compactedSize) {
            return false;
        }
        try {
            compact();
        } catch (IllegalStateException e) {
            LOG.warn("{}; the store goes on in its file as it is", e.getMessage());
        }
        open(0);
        return true;
    }

    /** Closes the store and rewrites the file; a file that cannot be rewritten stays as it is, whole. */
    void closeAndCompact() {
        try {
            compact();
        } catch (IllegalStateException e) {
            LOG.warn("{}; it stays as it is", e.getMessage());
        }
    }

    /**
     * Closes the store and rewrites its file with only the live data of its last version, into a file beside it that
     * then takes its place in one rename: a crash meanwhile leaves the old file whole. The broker's thread waits for
     * it (a few milliseconds per MiB of live data).
     */
    private void compact() {
        store.close();
        try {
            MVStore.compact(file.toString(), compactionFile.toString(), false, null);
            Files.move(compactionFile, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot compact the persistence store " + file + ": " + e, e);
        }
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
