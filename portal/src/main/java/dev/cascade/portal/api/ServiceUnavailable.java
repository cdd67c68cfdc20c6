package dev.cascade.portal.api;

/** A service did not answer (down, or slower than the portal's call timeout). */
public final class ServiceUnavailable extends RuntimeException {

    private final String service;

    public ServiceUnavailable(String service, Throwable cause) {
        super(service + " did not answer: " + cause.getMessage(), cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
