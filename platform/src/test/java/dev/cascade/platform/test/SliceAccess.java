package dev.cascade.platform.test;

import dev.cascade.platform.security.UnitHierarchy;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.Map;

/**
 * What the access rules of a web slice need, as beans for the slice's test configuration to extend: the slice's units
 * ({@link FixedUnitTree} under {@code BGDDT}, alike on every day) and a token on every MockMvc request that carries no
 * {@code Authorization} of its own.
 */
public abstract class SliceAccess {

    private final Map<String, String> parents;
    private final RequestPostProcessor tokens;

    /**
     * @param parents each unit of the slice with its parent; {@code BGDDT} is the root
     * @param tokens  adds the token a request should carry (the service's fitting tokens)
     */
    protected SliceAccess(Map<String, String> parents, RequestPostProcessor tokens) {
        this.parents = Map.copyOf(parents);
        this.tokens = tokens;
    }

    @Bean
    UnitHierarchy sliceUnits() {
        return FixedUnitTree.of("BGDDT", parents);
    }

    @Bean
    MockMvcBuilderCustomizer tokensOnEveryRequest() {
        return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/").with(tokens));
    }
}
