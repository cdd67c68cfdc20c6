package dev.cascade.notification.delivery;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailStreamsTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(MailStreams.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(MailStreams.PROPERTY);
        } else {
            System.setProperty(MailStreams.PROPERTY, before);
        }
    }

    @Test
    void namesAngusMailsProviderWhichJakartaMailThenUses() throws Exception {
        System.clearProperty(MailStreams.PROPERTY);

        MailStreams.nameProvider();

        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(MailStreams.ANGUS);
        String subject = "Nhắc hạn báo cáo: Xã Thanh Hà";
        assertThat(MimeUtility.decodeText(MimeUtility.encodeText(subject, "UTF-8", null))).isEqualTo(subject);
    }

    @Test
    void aProviderNamedOnTheCommandLineIsKept() {
        System.setProperty(MailStreams.PROPERTY, "com.example.OtherStreamProvider");

        MailStreams.nameProvider();

        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo("com.example.OtherStreamProvider");
    }
}
