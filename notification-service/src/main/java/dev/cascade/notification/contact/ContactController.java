package dev.cascade.notification.contact;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.notification.contact.ContactText.Kind;
import dev.cascade.notification.access.NotificationAccess;
import dev.cascade.notification.unit.UnitDirectory;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.ShapeCheck;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/** {@code PUT /contacts/{unitCode}} sets who receives a unit's notifications; {@code GET} reads it back. */
@RestController
@RequestMapping("/contacts")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ContactController {

    static final int MAX_EMAILS = 20;
    static final int MAX_WEBHOOKS = 5;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    static final String SECRET = "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters";
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final ContactBook contacts;
    private final UnitDirectory units;
    private final Clock clock;
    private final WebhookTargets targets;
    private final SecretBox secrets;
    private final NotificationAccess access;
    private final AuditTrail audit;

    /**
     * Request body: {@code {"emails":["vanthu@thanhha.example"],
     * "webhooks":[{"url":"https://ubnd.example/hooks/cascade","secret":"..."}],"inboxUsers":["nguyen.van.an"]}}.
     * It replaces all of the unit's contacts; an empty list clears one kind, an omitted {@code webhooks} or
     * {@code inboxUsers} clears it too. {@code emails} is required.
     */
    record ContactsRequest(
            @NotNull(message = "is required (an empty list clears the contacts)")
            @Size(max = MAX_EMAILS, message = "at most " + MAX_EMAILS + " addresses per unit")
            List<@ContactText(Kind.EMAIL) String> emails,
            @Size(max = MAX_WEBHOOKS, message = "at most " + MAX_WEBHOOKS + " webhooks per unit")
            List<@NotNull(message = "is required") @Valid WebhookRequest> webhooks,
            @Size(max = MAX_EMAILS, message = "at most " + MAX_EMAILS + " users per unit")
            List<@ContactText(Kind.INBOX_USER) String> inboxUsers) {
    }

    /** One webhook as requested. */
    record WebhookRequest(
            @ContactText(Kind.WEBHOOK_URL) String url,
            @NotNull(message = SECRET) @Size(min = MIN_SECRET, max = MAX_SECRET, message = SECRET) String secret) {
    }

    /** A webhook as shown: its secret is never given back. */
    record WebhookView(String url, boolean secretSet) {
    }

    /** A unit's contacts; {@code unitName} is null while the unit is not in the units copy. */
    record ContactsView(String unitCode, String unitName, List<String> emails, Instant updatedAt,
                        List<WebhookView> webhooks, List<String> inboxUsers) {
    }

    /**
     * Allowed to an ADMIN of the unit or of a unit above it ({@link NotificationAccess#unitAdmin}), checked before
     * the unit, the body or the webhook targets; one audit entry per accepted replacement
     * ({@code contacts.changed}, or {@code webhooks.changed} when the webhooks differ from those stored).
     */
    @Operation(summary = "Replaces the contacts (e-mail, webhook, inbox users) of a unit")
    @PutMapping("/{unitCode}")
    ContactsView put(@PathVariable String unitCode, @RequestBody(required = false) ContactsRequest request,
                     Caller caller) {
        checkUnitCode(unitCode);
        Grant grant = access.unitAdmin(caller, unitCode);
        if (units.find(unitCode).isEmpty()) {
            throw RequestRefused.notKnown("unitCode", "no unit " + unitCode + " is known (units arrive from "
                    + "plan-service); nothing was changed");
        }
        List<FieldProblem> problems = ShapeCheck.standalone().problems(request == null
                ? new ContactsRequest(null, null, null) : request);
        List<FieldProblem> emailProblems = problems.stream().filter(p -> p.field().startsWith("emails")).toList();
        if (!emailProblems.isEmpty() && emailProblems.get(0).field().equals("emails")) {
            throw RequestRefused.invalid("emails", emailProblems.get(0).message());
        }
        if (!emailProblems.isEmpty()) {
            throw RequestRefused.invalid("Invalid e-mail address(es); nothing was changed", emailProblems);
        }
        if (!problems.isEmpty()) {
            throw RequestRefused.invalid("Invalid contact(s); nothing was changed", problems);
        }
        checkWebhookTargets(request.webhooks());
        List<EmailAddress> emails = request.emails().stream().map(text -> new EmailAddress(text.strip())).toList();
        List<Webhook> webhooks = request.webhooks() == null ? List.of()
                : request.webhooks().stream().map(hook -> new Webhook(hook.url(), hook.secret())).toList();
        List<String> users = request.inboxUsers() == null ? List.of() : List.copyOf(request.inboxUsers());
        ContactBook.ContactChange change = contacts.replace(unitCode, emails, webhooks, users);
        audit.record(grant, AuditedChange.of(change.webhooksChanged() ? "webhooks.changed" : "contacts.changed",
                "contacts", unitCode, unitCode, change.versionBefore(), change.versionAfter()));
        return view(change.contacts());
    }

    /** Contacts hold personal e-mail addresses: an ADMIN of the unit or of a unit above it only. */
    @Operation(summary = "The contacts of a unit")
    @GetMapping("/{unitCode}")
    ResponseEntity<?> get(@PathVariable String unitCode, Caller caller) {
        checkUnitCode(unitCode);
        access.unitAdmin(caller, unitCode);
        return contacts.find(unitCode).<ResponseEntity<?>>map(list -> ResponseEntity.ok(view(list)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "No contacts are set for unit " + unitCode)));
    }

    private ContactsView view(ContactList list) {
        String name = units.find(list.unitCode()).map(u -> u.nameOn(LocalDate.now(clock))).orElse(null);
        return new ContactsView(list.unitCode(), name, list.emails(), list.updatedAt(),
                list.webhooks().stream().map(hook -> new WebhookView(hook.url(), true)).toList(), list.inboxUsers());
    }

    /**
     * Refuses (422, nothing stored) webhook URLs that point inside: loopback, link-local, private and other
     * non-public addresses, the stack's own hosts, plain http unless allowed ({@link WebhookTargets}); and any
     * webhook when no key can seal its secret (503).
     */
    private void checkWebhookTargets(List<WebhookRequest> webhooks) {
        if (webhooks == null || webhooks.isEmpty()) {
            return;
        }
        List<FieldProblem> refused = new java.util.ArrayList<>();
        List<String> classes = new java.util.ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            int index = i;
            targets.refusalAtWrite(webhooks.get(i).url()).ifPresent(refusal -> {
                refused.add(new FieldProblem("webhooks[" + index + "].url", refusal.message()));
                classes.add(refusal.addressClass());
            });
        }
        if (!refused.isEmpty()) {
            throw new RequestRefused(RequestRefused.Reason.UNPROCESSABLE, "Webhook target refused",
                    "Webhooks may only call public https receivers outside Cascade; nothing was changed", refused)
                    .with("addressClasses", classes);
        }
        if (!secrets.available()) {
            throw new SecretsUnavailable();
        }
    }

    /** Webhooks cannot be stored: no key to seal their secrets. */
    static class SecretsUnavailable extends RuntimeException {
        SecretsUnavailable() {
            super("webhook secrets cannot be stored: no cascade.notifications.secret-key is configured");
        }
    }

    @ExceptionHandler(SecretsUnavailable.class)
    ResponseEntity<ProblemDetail> secretsUnavailable(SecretsUnavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Webhooks cannot be stored on this service now (its key for webhook secrets is not configured); "
                        + "nothing was changed");
        problem.setTitle("Webhooks unavailable");
        problem.setProperty("errors", List.of(new FieldProblem("webhooks", "cannot be stored now")));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static void checkUnitCode(String unitCode) {
        if (!UNIT_CODE.matcher(unitCode).matches()) {
            throw RequestRefused.invalid("unitCode", "must be 1 to 32 letters, digits, '-' or '_'");
        }
    }
}
