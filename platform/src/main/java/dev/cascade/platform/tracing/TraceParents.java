package dev.cascade.platform.tracing;

import lombok.RequiredArgsConstructor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The W3C {@code traceparent} of the work in progress, so that a trace survives the places where no instrumentation
 * carries it: an event written to an outbox now and sent later by another thread keeps the {@code traceparent} of
 * the request or record that caused it; a batch of records applied together continues the trace of one of them.
 * Without a tracer (tracing off) it does nothing.
 */
@RequiredArgsConstructor
public class TraceParents {

    /** The W3C Trace Context header. */
    public static final String HEADER = "traceparent";

    private static final TraceParents NONE = new TraceParents(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    /** No tracing: {@link #current()} is {@code null} and {@link #continueTrace} just runs the work. */
    public static TraceParents none() {
        return NONE;
    }

    /** The {@code traceparent} of the current span, or {@code null} when there is none. */
    public String current() {
        if (tracer == null || propagator == null) {
            return null;
        }
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * Runs {@code work} in a new span named {@code name}, a child of {@code traceparent} (a new trace when it is
     * {@code null} or malformed), so that what the work writes and sends carries that trace on.
     */
    public <T> T continueTrace(String traceparent, String name, Supplier<T> work) {
        if (tracer == null || propagator == null) {
            return work.get();
        }
        Span span = traceparent == null ? tracer.nextSpan().name(name).start()
                : propagator.extract(Map.of(HEADER, traceparent), Map::get).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
