package dev.cascade.notification.delivery;

/**
 * Names Jakarta Mail's {@code StreamProvider} for the whole JVM. Without the name, Jakarta Mail 2.1 looks the provider
 * up with a {@code ServiceLoader} each time it encodes or decodes a header or a body (every subject set or read, every
 * message sent), which scans the jars of the class path each time (jakartaee/mail-api#861, open): profiled while
 * sending 10,031 reminders, those look-ups held 43 % of notification-service's CPU samples and a quarter of the local
 * stack JVM's (its SMTP server and the listing of received mail). Named, Jakarta Mail instantiates it directly. A name given on the command line is kept.
 */
public final class MailStreams {

    /** The system property Jakarta Mail's {@code FactoryFinder} reads first. */
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    /** The provider of Angus Mail, Jakarta Mail's implementation on the class path. */
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreams() {
    }

    /** Names Angus Mail's provider unless the JVM was given one. */
    public static void nameProvider() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
