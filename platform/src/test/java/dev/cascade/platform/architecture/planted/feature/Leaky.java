package dev.cascade.platform.architecture.planted.feature;

import org.springframework.http.HttpStatus;

/** A planted violation: a service-layer class that answers with an HTTP status. */
public class Leaky {

    public HttpStatus refuse() {
        return HttpStatus.CONFLICT;
    }
}
