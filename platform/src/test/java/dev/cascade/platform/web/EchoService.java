package dev.cascade.platform.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A service with one JSON endpoint, and nothing of its own for errors: what the platform gives every service. */
@SpringBootApplication
public class EchoService {

    record Entry(String unitCode, Long count) {
    }

    @RestController
    static class Entries {

        @PostMapping("/entries")
        Map<String, Object> add(@RequestBody Entry entry) {
            return Map.of("unitCode", entry.unitCode(), "count", entry.count());
        }
    }
}
