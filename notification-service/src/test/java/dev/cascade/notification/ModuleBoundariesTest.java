package dev.cascade.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cascade.platform.test.ServiceArchitecture;
import dev.cascade.notification.contact.Channel;
import dev.cascade.notification.contact.EmailAddress;
import dev.cascade.notification.contact.Recipient;
import dev.cascade.notification.delivery.ReminderMail;
import dev.cascade.notification.obligation.Reminder;
import dev.cascade.notification.obligation.ReminderKind;
import dev.cascade.notification.obligation.ReminderPolicy;
import dev.cascade.notification.obligation.ReminderState;
import dev.cascade.notification.obligation.TrackedObligation;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ModuleBoundariesTest {

    static final JavaClasses CLASSES = ServiceArchitecture.mainClasses("dev.cascade.notification");

    @Test
    void domainClassesDoNotDependOnSpringOrTheDriver() {
        noClasses().that().belongToAnyOf(ReminderPolicy.class, ReminderKind.class, Reminder.class,
                        ReminderState.class, TrackedObligation.class, ReminderMail.class, EmailAddress.class,
                        Recipient.class, Channel.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.bson..", "jakarta..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching("dev.cascade.notification.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
