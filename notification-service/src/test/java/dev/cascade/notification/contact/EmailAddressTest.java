package dev.cascade.notification.contact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressTest {

    @Test
    void acceptsPlainAddressesAndKeepsThemInLowerCase() {
        assertThat(EmailAddress.parse("VanThu@ThanhHa.example")).map(EmailAddress::value)
                .contains("vanthu@thanhha.example");
        assertThat(EmailAddress.valid("phong.ldtbxh+baocao@thanhha.haiduong.gov.vn")).isTrue();
    }

    @Test
    void refusesWhatIsNotAPlainAddress() {
        assertThat(EmailAddress.valid("vanthu")).isFalse();
        assertThat(EmailAddress.valid("vanthu@localhost")).isFalse();
        assertThat(EmailAddress.valid("a@b@thanhha.example")).isFalse();
        assertThat(EmailAddress.valid("Văn Thư <vanthu@thanhha.example>")).isFalse();
        assertThat(EmailAddress.valid("vanthu.@thanhha.example")).isFalse();
        assertThat(EmailAddress.valid("vanthu@-thanhha.example")).isFalse();
        assertThat(EmailAddress.valid("vanthu@10.0.0.1")).isFalse();
        assertThat(EmailAddress.valid("")).isFalse();
        assertThat(EmailAddress.valid(null)).isFalse();
    }
}
