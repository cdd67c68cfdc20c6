package dev.cascade.portal.work;

import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.Obligation;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.ServiceProblem;
import dev.cascade.portal.web.Person;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Review: the reports of the reviewer's children that wait for a decision (submitted, not yet accepted or returned),
 * oldest first; accept, or return with a reason that the clerk then sees on their obligation.
 */
@Controller
class ReviewController {

    private final CascadeApi api;
    private final MessageSource messages;
    private final dev.cascade.portal.web.Formats formats;

    ReviewController(CascadeApi api, MessageSource messages, dev.cascade.portal.web.Formats formats) {
        this.api = api;
        this.messages = messages;
        this.formats = formats;
    }

    /** A report waiting for the reviewer, with its obligation and the name of the unit that sent it. */
    record Waiting(Obligation obligation, Report report, String unitName) {
    }

    @GetMapping("/review")
    String waiting(Authentication authentication, Model model) {
        Person person = Person.of(authentication);
        List<Waiting> waiting = new ArrayList<>();
        if (person.reviewer()) {
            java.util.Map<String, String> names = new java.util.HashMap<>();
            for (Obligation obligation : api.obligationsUnder(person.unitCode())) {
                if (obligation.reportId() != null && Objects.equals(obligation.parentCode(), person.unitCode())) {
                    Report report = api.report(obligation.reportId());
                    if ("SUBMITTED".equals(report.status())) {
                        if (names.isEmpty()) {
                            java.util.List<dev.cascade.portal.api.Unit> children = api.children(person.unitCode(),
                                    formats.today());
                            if (children != null) {
                                children.forEach(unit -> names.put(unit.code(), unit.name()));
                            }
                        }
                        waiting.add(new Waiting(obligation, report,
                                names.getOrDefault(obligation.unitCode(), obligation.unitCode())));
                    }
                }
            }
        }
        waiting.sort(Comparator.comparing(w -> w.report().submittedAt()));
        model.addAttribute("waiting", waiting);
        return "review";
    }

    @PostMapping("/reports/{reportId}/review")
    String decide(@PathVariable String reportId, @RequestParam String decision,
                  @RequestParam(defaultValue = "") String reason, @RequestParam int version,
                  @RequestParam(defaultValue = "/review") String back, RedirectAttributes redirect) {
        String target = back.startsWith("/") && !back.startsWith("//") ? back : "/review";
        if ("RETURN".equals(decision) && reason.isBlank()) {
            redirect.addFlashAttribute("reviewError", message("review.reasonRequired"));
            return "redirect:" + target;
        }
        try {
            api.review(reportId, "RETURN".equals(decision) ? "RETURN" : "ACCEPT", reason, version);
            redirect.addFlashAttribute("notice", message("RETURN".equals(decision) ? "review.returned" : "review.accepted",
                    reportId));
        } catch (ServiceProblem refused) {
            if (refused.status() != 409) {
                throw refused;
            }
            redirect.addFlashAttribute("reviewError", message("review.conflict"));
        }
        return "redirect:" + target;
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
