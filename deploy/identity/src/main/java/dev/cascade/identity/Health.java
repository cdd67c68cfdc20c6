package dev.cascade.identity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code /actuator/health} (and its liveness and readiness groups) in the actuator's shape, for the image's
 * HEALTHCHECK and Kubernetes' probes, which treat every Cascade container alike. The identity provider carries no
 * actuator (its auto-configuration is a fixed list) and depends on nothing outside itself: answering is being up.
 */
@RestController
class Health {

    @GetMapping({"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
