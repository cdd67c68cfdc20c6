package dev.cascade.aggregation.rollup.engine;

import org.springframework.stereotype.Component;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes the work on one roll-up within this process (change, save, send), so that its events leave in seq
 * order. Striped: a fixed set of locks shared by hash. Other processes are kept apart by the conditional writes.
 */
@Component
class RollUpLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    RollUpLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    <T> T with(String rollUpId, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(rollUpId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
