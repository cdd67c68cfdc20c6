package dev.cascade.portal.work;

import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.Obligation;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.web.Formats;
import dev.cascade.portal.web.Person;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** "My work": the obligations of the person's unit, overdue first, with deadline, working days left and status. */
@Controller
class MyWorkController {

    private final CascadeApi api;
    private final Formats formats;

    MyWorkController(CascadeApi api, Formats formats) {
        this.api = api;
        this.formats = formats;
    }

    @GetMapping("/")
    String myWork(Authentication authentication, Model model) {
        Person person = Person.of(authentication);
        List<Obligation> obligations = person.unitCode() == null ? List.of() : api.obligationsOf(person.unitCode());
        Map<String, Plan> plans = new HashMap<>();
        List<WorkItem> items = new ArrayList<>();
        for (Obligation obligation : obligations) {
            Plan plan = plans.computeIfAbsent(obligation.planId(), api::plan);
            Report report = obligation.reportId() == null ? null : api.report(obligation.reportId());
            items.add(new WorkItem(obligation, report, plan.programme().title(), plan.number() + " — " + plan.title(),
                    formats.workingDaysLeft(obligation.deadline())));
        }
        items.sort(Comparator.comparingInt(WorkItem::rank)
                .thenComparing(item -> item.obligation().deadline(), Comparator.nullsLast(Comparator.naturalOrder())));
        model.addAttribute("items", items);
        return "my-work";
    }
}
