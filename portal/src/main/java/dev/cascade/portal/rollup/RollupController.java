package dev.cascade.portal.rollup;

import dev.cascade.portal.PortalProperties;
import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.PlanSummary;
import dev.cascade.portal.api.LiveFeeds;
import dev.cascade.portal.api.PortalTokens;
import dev.cascade.portal.web.Person;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The roll-up tree: a unit's aggregate for a programme and period with completeness (and the missing units by name),
 * values, progress against targets, its children with drill-down, live updates when a report anywhere beneath
 * arrives, and the restated view for a period before the 2025 reform.
 */
@Controller
class RollupController {

    private final RollupService rollups;
    private final CascadeApi api;
    private final LiveFeeds live;
    private final OAuth2AuthorizedClientManager tokens;
    private final PortalProperties properties;

    RollupController(RollupService rollups, CascadeApi api, LiveFeeds live, OAuth2AuthorizedClientManager tokens,
                     PortalProperties properties) {
        this.rollups = rollups;
        this.api = api;
        this.live = live;
        this.tokens = tokens;
        this.properties = properties;
    }

    /** A programme and period to look at, for the person's own unit. */
    record Choice(PlanSummary plan, String programmeTitle, List<Plan.Period> periods) {
    }

    @GetMapping("/rollup")
    String choose(Model model) {
        List<Choice> choices = new ArrayList<>();
        for (PlanSummary summary : api.plans()) {
            if (summary.programme() != null && !"DRAFT".equals(summary.status())) {
                Plan plan = api.plan(summary.planId());
                choices.add(new Choice(summary, plan.programme().title(),
                        plan.programme().periods() == null ? List.of() : plan.programme().periods()));
            }
        }
        model.addAttribute("choices", choices);
        return "rollup-choose";
    }

    @GetMapping("/rollup/{programme}/{period}/{unit}")
    String tree(@PathVariable String programme, @PathVariable String period, @PathVariable String unit,
                @RequestParam(defaultValue = "false") boolean restate, Authentication authentication, Model model) {
        model.addAttribute("view", rollups.view(programme, period, unit, restate, Person.of(authentication).unitCode()));
        return "rollup";
    }

    /** The part of the page that live updates replace. */
    @GetMapping("/rollup/{programme}/{period}/{unit}/body")
    String body(@PathVariable String programme, @PathVariable String period, @PathVariable String unit,
                @RequestParam(defaultValue = "false") boolean restate, Authentication authentication, Model model) {
        model.addAttribute("view", rollups.view(programme, period, unit, restate, Person.of(authentication).unitCode()));
        return "rollup :: rollupBody";
    }

    @GetMapping(path = "/live/rollup/{programme}/{period}/{unit}", produces = "text/event-stream")
    SseEmitter liveTree(@PathVariable String programme, @PathVariable String period, @PathVariable String unit,
                        Authentication authentication) {
        var upstream = UriComponentsBuilder.fromUri(properties.services().aggregation())
                .pathSegment("aggregates", programme, period, unit, "feed").build().encode().toUri();
        return live.relay(upstream, PortalTokens.accessToken(tokens, authentication), "aggregate", "aggregate", true);
    }
}
