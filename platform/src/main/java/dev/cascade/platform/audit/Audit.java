package dev.cascade.platform.audit;

import dev.cascade.platform.security.AccessRules;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The audit trail of every service ({@link AuditTrail}) and its reading endpoint ({@code GET /audit}). */
@AutoConfiguration(afterName = {"dev.cascade.platform.security.CascadeSecurity",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({MongoTemplate.class, AccessRules.class})
@Import(AuditController.class)
public class Audit {

    @Bean
    AuditTrail cascadeAuditTrail(MongoTemplate mongo, ObjectProvider<Clock> clock, ObjectProvider<Tracer> tracer) {
        return new AuditTrail(mongo, clock.getIfAvailable(Clock::systemUTC), tracer);
    }
}
