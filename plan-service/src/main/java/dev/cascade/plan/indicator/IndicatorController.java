package dev.cascade.plan.indicator;

import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.web.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The indicator catalogue over HTTP. */
@RestController
@RequestMapping("/indicators")
class IndicatorController {

    private final IndicatorCatalogue catalogue;

    IndicatorController(IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    List<Indicator> all() {
        return catalogue.all();
    }

    @GetMapping("/{code}")
    Indicator one(@PathVariable String code) {
        return catalogue.find(code).orElseThrow(() -> new NotFound("no indicator " + code));
    }
}
