package dev.cascade.notification.contact;

import dev.cascade.notification.unit.UnitDirectory;
import dev.cascade.notification.web.InvalidRequestException;
import dev.cascade.notification.web.InvalidRequestException.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final ContactBook contacts;
    private final UnitDirectory units;
    private final Clock clock;

    ContactController(ContactBook contacts, UnitDirectory units, Clock clock) {
        this.contacts = contacts;
        this.units = units;
        this.clock = clock;
    }

    /** Request body: {@code {"emails":["vanthu@thanhha.example"]}}; an empty list clears the unit's contacts. */
    record ContactsRequest(List<String> emails) {
    }

    /** A unit's contacts; {@code unitName} is null while the unit is not in the units copy. */
    record ContactsView(String unitCode, String unitName, List<String> emails, Instant updatedAt) {
    }

    @PutMapping("/{unitCode}")
    ContactsView put(@PathVariable String unitCode, @RequestBody(required = false) ContactsRequest request) {
        checkUnitCode(unitCode);
        List<EmailAddress> emails = validEmails(request);
        return view(contacts.setEmails(unitCode, emails));
    }

    @GetMapping("/{unitCode}")
    ResponseEntity<?> get(@PathVariable String unitCode) {
        checkUnitCode(unitCode);
        return contacts.find(unitCode).<ResponseEntity<?>>map(list -> ResponseEntity.ok(view(list)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "No contacts are set for unit " + unitCode)));
    }

    private ContactsView view(ContactList list) {
        String name = units.find(list.unitCode()).map(u -> u.nameOn(LocalDate.now(clock))).orElse(null);
        return new ContactsView(list.unitCode(), name, list.emails(), list.updatedAt());
    }

    private static void checkUnitCode(String unitCode) {
        if (!UNIT_CODE.matcher(unitCode).matches()) {
            throw new InvalidRequestException("unitCode", "must be 1 to 32 letters, digits, '-' or '_'");
        }
    }

    private static List<EmailAddress> validEmails(ContactsRequest request) {
        if (request == null || request.emails() == null) {
            throw new InvalidRequestException("emails", "is required (an empty list clears the contacts)");
        }
        if (request.emails().size() > MAX_EMAILS) {
            throw new InvalidRequestException("emails", "at most " + MAX_EMAILS + " addresses per unit");
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
            throw new InvalidRequestException("Invalid e-mail address(es); nothing was changed", errors);
        }
        return emails;
    }
}
