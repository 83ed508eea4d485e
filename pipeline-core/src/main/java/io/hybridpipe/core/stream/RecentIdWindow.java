package io.hybridpipe.core.stream;

import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * Remembers the last {@code capacity} tweet ids so that duplicates from reconnects and {@code backfill_minutes}
 * replays can be recognised. The oldest id is forgotten first (insertion order: seeing an id again does not
 * refresh it, so the window always covers the most recent distinct arrivals). Thread-safe.
 */
public final class RecentIdWindow {
    private final int capacity;
    private final LinkedHashSet<String> ids;

    public RecentIdWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.ids = new LinkedHashSet<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1);
    }

    /** True the first time an id is offered within the window, false for a repeat. */
    public synchronized boolean firstSeen(String id) {
        Objects.requireNonNull(id, "id");
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            var oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    public synchronized int size() {
        return ids.size();
    }

    public int capacity() {
        return capacity;
    }
}
