package dev.cascade.report.web;

import java.io.IOException;

/** A request body longer than the limit, found while reading it. */
public class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
