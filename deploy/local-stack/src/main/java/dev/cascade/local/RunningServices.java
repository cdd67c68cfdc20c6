package dev.cascade.local;

import dev.cascade.local.CascadeServices.Service;

/** The four services as the local stack runs them: in its own JVM, or each in a JVM of its own. */
interface RunningServices extends AutoCloseable {

    String url(Service service);

    @Override
    void close();
}
