package dev.cascade.notification.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortalLinksTest {

    @Test
    void anObligationLinksToItsReportFormAndARollUpToItsMissingUnits() {
        PortalLinks links = new PortalLinks("https://cascade.example");

        assertThat(links.obligation("TH-GDNN-ANNUAL", "2024", "10813"))
                .isEqualTo("https://cascade.example/obligations/TH-GDNN-ANNUAL/2024/10813");
        assertThat(links.missing("TH-GDNN-ANNUAL", "2024", "30"))
                .isEqualTo("https://cascade.example/rollup/TH-GDNN-ANNUAL/2024/30#missing");
    }

    @Test
    void eachSegmentIsEncodedAsOnePathSegmentInUtf8() {
        PortalLinks links = new PortalLinks("https://cascade.example");

        assertThat(links.obligation("BC 1/2024", "Quý I#2?", "Xã Tân Việt%"))
                .isEqualTo("https://cascade.example/obligations/BC%201%2F2024/Qu%C3%BD%20I%232%3F/"
                        + "X%C3%A3%20T%C3%A2n%20Vi%E1%BB%87t%25");
        assertThat(links.missing("BC 1/2024", "2024-Q1", "Tỉnh 30"))
                .isEqualTo("https://cascade.example/rollup/BC%201%2F2024/2024-Q1/T%E1%BB%89nh%2030#missing");
    }

    @Test
    void trailingSlashesAndSpacesOfTheSettingAreDroppedAndABasePathKept() {
        assertThat(new PortalLinks("https://cascade.example/").obligation("P", "2024", "1"))
                .isEqualTo("https://cascade.example/obligations/P/2024/1");
        assertThat(new PortalLinks(" http://localhost:8080// ").portal()).isEqualTo("http://localhost:8080");
        assertThat(new PortalLinks("https://gov.example/cascade/").missing("P", "2024", "30"))
                .isEqualTo("https://gov.example/cascade/rollup/P/2024/30#missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "localhost:8080", "/portal", "ftp://cascade.example", "https://",
            "https://cascade.example?lang=en", "https://cascade.example/#top", "http://bad host/"})
    void aSettingThatIsNotAnAbsoluteHttpUrlStopsTheStart(String portalUrl) {
        assertThatThrownBy(() -> new PortalLinks(portalUrl)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cascade.notifications.portal-url (CASCADE_PORTAL_URL)")
                .hasMessageContaining("'" + portalUrl + "'");
    }
}
