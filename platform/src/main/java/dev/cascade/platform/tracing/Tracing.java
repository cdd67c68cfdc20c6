package dev.cascade.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Tracing, once for every service: Micrometer Tracing (Brave) traces every request and every consumed record
 * (W3C {@code traceparent}, the binder's observation), and {@link TraceParents} carries a trace through the outbox
 * and through batches. Spans are exported to Zipkin when {@code CASCADE_ZIPKIN_ENDPOINT} is set
 * ({@code management.tracing.export.zipkin.*}); either way the trace and span ids are in every log line.
 */
@AutoConfiguration
@ConditionalOnClass(Tracer.class)
public class Tracing {

    @Bean
    TraceParents cascadeTraceParents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceParents(tracer.getIfAvailable(), propagator.getIfAvailable());
    }
}
