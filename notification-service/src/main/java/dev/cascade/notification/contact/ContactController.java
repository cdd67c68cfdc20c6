package dev.cascade.notification.contact;

import dev.cascade.notification.unit.UnitDirectory;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.FieldProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code PUT /contacts/{unitCode}} sets who receives a unit's notifications; {@code GET} reads it back. */
@RestController
@RequestMapping("/contacts")
class ContactController {

    static final int MAX_EMAILS = 20;
    static final int MAX_WEBHOOKS = 5;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final ContactBook contacts;
    private final UnitDirectory units;
    private final Clock clock;

    ContactController(ContactBook contacts, UnitDirectory units, Clock clock) {
        this.contacts = contacts;
        this.units = units;
        this.clock = clock;
    }

    /**
     * Request body: {@code {"emails":["vanthu@thanhha.example"],
     * "webhooks":[{"url":"https://ubnd.example/hooks/cascade","secret":"..."}],"inboxUsers":["nguyen.van.an"]}}.
     * It replaces all of the unit's contacts; an empty list clears one kind, an omitted {@code webhooks} or
     * {@code inboxUsers} clears it too. {@code emails} is required.
     */
    record ContactsRequest(List<String> emails, List<WebhookRequest> webhooks, List<String> inboxUsers) {
    }

    /** One webhook as requested. */
    record WebhookRequest(String url, String secret) {
    }

    /** A webhook as shown: its secret is never given back. */
    record WebhookView(String url, boolean secretSet) {
    }

    /** A unit's contacts; {@code unitName} is null while the unit is not in the units copy. */
    record ContactsView(String unitCode, String unitName, List<String> emails, Instant updatedAt,
                        List<WebhookView> webhooks, List<String> inboxUsers) {
    }

    @Operation(summary = "Replaces the contacts (e-mail, webhook, inbox users) of a unit")
    @PutMapping("/{unitCode}")
    ContactsView put(@PathVariable String unitCode, @RequestBody(required = false) ContactsRequest request) {
        checkUnitCode(unitCode);
        if (units.find(unitCode).isEmpty()) {
            throw RequestRefused.notKnown("unitCode", "no unit " + unitCode + " is known (units arrive from "
                    + "plan-service); nothing was changed");
        }
        List<EmailAddress> emails = validEmails(request);
        List<FieldProblem> errors = new ArrayList<>();
        List<Webhook> webhooks = validWebhooks(request.webhooks(), errors);
        List<String> users = validInboxUsers(request.inboxUsers(), errors);
        if (!errors.isEmpty()) {
            throw RequestRefused.invalid("Invalid contact(s); nothing was changed", errors);
        }
        return view(contacts.set(unitCode, emails, webhooks, users));
    }

    private static List<Webhook> validWebhooks(List<WebhookRequest> requested, List<FieldProblem> errors) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_WEBHOOKS) {
            errors.add(new FieldProblem("webhooks", "at most " + MAX_WEBHOOKS + " webhooks per unit"));
            return List.of();
        }
        List<Webhook> webhooks = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            WebhookRequest hook = requested.get(i);
            if (hook == null) {
                errors.add(new FieldProblem("webhooks[" + i + "]", "is required"));
                continue;
            }
            boolean ok = true;
            if (!validUrl(hook.url())) {
                errors.add(new FieldProblem("webhooks[" + i + "].url", "must be an absolute http or https URL: '"
                        + hook.url() + "'"));
                ok = false;
            }
            if (hook.secret() == null || hook.secret().length() < MIN_SECRET || hook.secret().length() > MAX_SECRET) {
                errors.add(new FieldProblem("webhooks[" + i + "].secret", "must be " + MIN_SECRET + " to "
                        + MAX_SECRET + " characters"));
                ok = false;
            }
            if (ok) {
                webhooks.add(new Webhook(hook.url(), hook.secret()));
            }
        }
        return webhooks;
    }

    private static boolean validUrl(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> validInboxUsers(List<String> requested, List<FieldProblem> errors) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_EMAILS) {
            errors.add(new FieldProblem("inboxUsers", "at most " + MAX_EMAILS + " users per unit"));
            return List.of();
        }
        List<String> users = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String user = requested.get(i);
            if (user == null || !InboxUsers.valid(user)) {
                errors.add(new FieldProblem("inboxUsers[" + i + "]",
                        "must be 1 to 64 letters, digits, '.', '_', '@' or '-': '" + user + "'"));
            } else {
                users.add(user);
            }
        }
        return users;
    }

    @Operation(summary = "The contacts of a unit")
    @GetMapping("/{unitCode}")
    ResponseEntity<?> get(@PathVariable String unitCode) {
        checkUnitCode(unitCode);
        return contacts.find(unitCode).<ResponseEntity<?>>map(list -> ResponseEntity.ok(view(list)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "No contacts are set for unit " + unitCode)));
    }

    private ContactsView view(ContactList list) {
        String name = units.find(list.unitCode()).map(u -> u.nameOn(LocalDate.now(clock))).orElse(null);
        return new ContactsView(list.unitCode(), name, list.emails(), list.updatedAt(),
                list.webhooks().stream().map(hook -> new WebhookView(hook.url(), true)).toList(), list.inboxUsers());
    }

    private static void checkUnitCode(String unitCode) {
        if (!UNIT_CODE.matcher(unitCode).matches()) {
            throw RequestRefused.invalid("unitCode", "must be 1 to 32 letters, digits, '-' or '_'");
        }
    }

    private static List<EmailAddress> validEmails(ContactsRequest request) {
        if (request == null || request.emails() == null) {
            throw RequestRefused.invalid("emails", "is required (an empty list clears the contacts)");
        }
        if (request.emails().size() > MAX_EMAILS) {
            throw RequestRefused.invalid("emails", "at most " + MAX_EMAILS + " addresses per unit");
        }
        List<FieldProblem> errors = new ArrayList<>();
        List<EmailAddress> emails = new ArrayList<>();
        for (int i = 0; i < request.emails().size(); i++) {
            String text = request.emails().get(i);
            var address = EmailAddress.parse(text == null ? null : text.strip());
            if (address.isPresent()) {
                emails.add(address.get());
            } else {
                errors.add(new FieldProblem("emails[" + i + "]", "not a valid e-mail address: '" + text + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw RequestRefused.invalid("Invalid e-mail address(es); nothing was changed", errors);
        }
        return emails;
    }
}
