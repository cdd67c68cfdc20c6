package dev.cascade.portal.work;

import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.Obligation;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.ServiceProblem;
import dev.cascade.portal.api.Value;
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

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The report form of one obligation, generated from its programme: every indicator with its kind and unit, last
 * period's value beside it, progress per task of the plan, the narrative sections of the outline; submit, revise
 * (with what changed), withdraw with a reason, and the version history. A refused submission shows the page again
 * with every typed value and each message next to its field (status 422), nothing sent twice: each rendering carries
 * its own idempotency key.
 */
@Controller
class ReportFormController {

    private final CascadeApi api;
    private final MessageSource messages;

    ReportFormController(CascadeApi api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    @GetMapping("/obligations/{programme}/{period}/{unit}")
    String form(@PathVariable String programme, @PathVariable String period, @PathVariable String unit,
                Authentication authentication, Model model) {
        Context context = context(programme, period, unit);
        prepare(model, context, ReportForm.of(context.plan.programme(), tasks(context.plan), context.report),
                Map.of(), Person.of(authentication));
        return "report-form";
    }

    @PostMapping("/obligations/{programme}/{period}/{unit}")
    String submit(@PathVariable String programme, @PathVariable String period, @PathVariable String unit,
                  @RequestParam Map<String, String> parameters, Authentication authentication, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Context context = context(programme, period, unit);
        ReportForm form = ReportForm.posted(parameters);
        Map<String, String> errors = new LinkedHashMap<>();
        form.check(context.plan.programme()).forEach((field, key) -> errors.put(field, message(key)));
        if (errors.isEmpty()) {
            try {
                CascadeApi.Submitted submitted = api.submit(form.body(unit, programme, period,
                        context.plan.programme(), tasks(context.plan)), parameters.getOrDefault("idempotencyKey",
                        UUID.randomUUID().toString()));
                redirect.addFlashAttribute("notice", message(submitted.late() ? "form.sentLate" : "form.sent",
                        submitted.version()));
                redirect.addFlashAttribute("sent", true);
                return "redirect:/obligations/{programme}/{period}/{unit}";
            } catch (ServiceProblem refused) {
                if (refused.status() == 403 || refused.status() == 404) {
                    throw refused;
                }
                // the service numbers the tasks it was sent; the form numbers every task of the plan
                List<Integer> sentTasks = form.sentTasks(tasks(context.plan));
                refused.byField().forEach((field, text) -> errors.put(formField(field, sentTasks),
                        message("form.error.server", text)));
                if (refused.errors().isEmpty()) {
                    String explained = refused.detail() != null ? refused.detail() : refused.title();
                    errors.put("form", explained != null ? explained
                            : message("form.error.refused", refused.status()));
                }
            }
        }
        response.setStatus(422);
        prepare(model, context, form, errors, Person.of(authentication));
        return "report-form";
    }

    @PostMapping("/obligations/{programme}/{period}/{unit}/withdrawal")
    String withdraw(@PathVariable String programme, @PathVariable String period, @PathVariable String unit,
                    @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        Context context = context(programme, period, unit);
        if (context.report == null) {
            redirect.addFlashAttribute("notice", message("form.nothingToWithdraw"));
        } else if (reason.isBlank()) {
            redirect.addFlashAttribute("withdrawError", message("form.error.reasonRequired"));
        } else {
            api.withdraw(context.report.reportId(), reason);
            redirect.addFlashAttribute("notice", message("form.withdrawn"));
        }
        return "redirect:/obligations/{programme}/{period}/{unit}";
    }

    private static final java.util.regex.Pattern SENT_TASK = java.util.regex.Pattern.compile("^tasks\\[(\\d+)](.*)$");

    /** The form's field for a field of the request ({@code tasks[k]} of the k-th task sent). */
    static String formField(String field, List<Integer> sentTasks) {
        java.util.regex.Matcher task = SENT_TASK.matcher(field);
        if (task.matches()) {
            int k = Integer.parseInt(task.group(1));
            if (k < sentTasks.size()) {
                return "tasks[" + sentTasks.get(k) + "]" + task.group(2);
            }
        }
        return field;
    }

    private record Context(Obligation obligation, Plan plan, Report report) {
    }

    private Context context(String programme, String period, String unit) {
        Obligation obligation = api.obligationsOf(unit).stream()
                .filter(o -> o.programme().equals(programme) && o.period().equals(period)).findFirst()
                .orElseThrow(() -> new ServiceProblem(404, null, null,
                        message("form.noObligation", unit, programme, period), null, List.of()));
        Plan plan = api.plan(obligation.planId());
        Report report = obligation.reportId() == null ? null : api.report(obligation.reportId());
        return new Context(obligation, plan, report);
    }

    private void prepare(Model model, Context context, ReportForm form, Map<String, String> errors, Person person) {
        Plan.Programme programme = context.plan.programme();
        model.addAttribute("obligation", context.obligation);
        Plan.Period period = programme.period(context.obligation.period());
        dev.cascade.portal.api.Unit unit = period == null ? null : api.unit(context.obligation.unitCode(), period.cutOffEnd());
        model.addAttribute("unitName", unit == null ? context.obligation.unitCode()
                : unit.name() + " (" + unit.code() + ")");
        model.addAttribute("plan", context.plan);
        model.addAttribute("programme", programme);
        model.addAttribute("tasks", tasks(context.plan));
        model.addAttribute("report", context.report);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", errors.keySet().stream().filter(field -> !"form".equals(field)).count());
        model.addAttribute("last", lastPeriod(context));
        model.addAttribute("changes", changes(programme, context.report));
        model.addAttribute("editable", person != null && person.reporter()
                && Objects.equals(person.unitCode(), context.obligation.unitCode()));
        model.addAttribute("reviewable", person != null && person.reviewer() && context.report != null
                && "SUBMITTED".equals(context.report.status())
                && Objects.equals(person.unitCode(), context.obligation.parentCode()));
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("draftKey", "cascade-draft|" + context.obligation.obligationId());
    }

    private static List<Plan.Task> tasks(Plan plan) {
        return plan.tasks() == null ? List.of() : plan.tasks();
    }

    /** Last period's values of the same unit and programme, with the period's id, or null. */
    private LastPeriod lastPeriod(Context context) {
        Plan.Period before = context.plan.programme().periodBefore(context.obligation.period());
        if (before == null) {
            return null;
        }
        return api.obligationsOf(context.obligation.unitCode()).stream()
                .filter(o -> o.programme().equals(context.obligation.programme()) && o.period().equals(before.id())
                        && o.reportId() != null)
                .findFirst().map(o -> new LastPeriod(before.id(), api.report(o.reportId()).values())).orElse(null);
    }

    /** The period before and its values by indicator. */
    public record LastPeriod(String period, Map<String, Value> values) {
    }

    /** What the latest version changed from the one before: indicator, before, after. */
    private static List<Change> changes(Plan.Programme programme, Report report) {
        List<Change> changes = new ArrayList<>();
        if (report == null || report.previousVersion() == null) {
            return changes;
        }
        Map<String, Value> before = report.previousVersion().values();
        Map<String, Value> after = report.values();
        for (Plan.Indicator indicator : programme.dataForm()) {
            Value was = before == null ? null : before.get(indicator.code());
            Value is = after == null ? null : after.get(indicator.code());
            if (!Objects.equals(normal(was), normal(is))) {
                changes.add(new Change(indicator, was, is));
            }
        }
        return changes;
    }

    private static String normal(Value value) {
        if (value == null) {
            return null;
        }
        return plain(value.value()) + "/" + plain(value.numerator()) + "/" + plain(value.denominator());
    }

    private static String plain(java.math.BigDecimal number) {
        return number == null ? "" : number.stripTrailingZeros().toPlainString();
    }

    /** One indicator that changed between the last two versions. */
    public record Change(Plan.Indicator indicator, Value before, Value after) {
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
