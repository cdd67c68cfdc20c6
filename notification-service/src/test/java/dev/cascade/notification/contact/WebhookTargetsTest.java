package dev.cascade.notification.contact;

import dev.cascade.notification.TestHostResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of {@link WebhookTargets} with the production defaults (no http, no allowed host). */
class WebhookTargetsTest {

    static final WebhookSettings DEFAULTS = new WebhookSettings(false, null, null);
    final WebhookTargets targets = new WebhookTargets(DEFAULTS, new TestHostResolver());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            127.0.0.1,            loopback
            ::1,                  loopback
            ::ffff:10.0.0.1,      private
            ::10.0.0.1,           private
            64:ff9b::a9fe:a9fe,   link-local
            fe80::1,              link-local
            fc00::1,              private
            fdff:ffff::1,         private
            fec0::1,              private
            169.254.0.1,          link-local
            100.127.255.255,      private
            0.1.2.3,              unspecified
            0.0.0.0,              unspecified
            ::,                   unspecified
            224.0.0.251,          multicast
            ff02::1,              multicast
            255.255.255.255,      reserved
            198.18.0.1,           reserved
            2002:7f00:1::1,       reserved
            """)
    void insideAddressesHaveTheirClass(String address, String addressClass) throws Exception {
        assertThat(WebhookTargets.addressClass(InetAddress.getByName(address))).isEqualTo(addressClass);
    }

    @ParameterizedTest
    @CsvSource({"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946",
            "64:ff9b::808:808", "11.0.0.1", "192.169.0.1"})
    void publicAddressesHaveNone(String address) throws Exception {
        assertThat(WebhookTargets.addressClass(InetAddress.getByName(address))).isNull();
    }

    @Test
    void onlyHttpsByDefaultAndHttpOnlyWhenAllowed() {
        assertThat(targets.refusalAtWrite("http://ubnd.example/hook")).get()
                .extracting(WebhookTargets.Refusal::addressClass).isEqualTo("scheme");
        assertThat(targets.refusalAtWrite("https://ubnd.example/hook")).isEmpty();
        var withHttp = new WebhookTargets(new WebhookSettings(true, DEFAULTS.deniedHosts(), List.of()),
                new TestHostResolver());
        assertThat(withHttp.refusalAtWrite("http://ubnd.example/hook")).isEmpty();
    }

    @Test
    void theStacksOwnHostsAreDeniedByNameAndByDomain() {
        for (String host : List.of("localhost", "LOCALHOST.", "api.localhost", "mongo", "kafka", "plan-service",
                "cascade-mongodb-svc.mongodb.svc", "anything.default.svc", "x.svc.cluster.local",
                "metadata.google.internal", "printer.local", "identity")) {
            assertThat(targets.refusalAtWrite("https://" + host + "/hook")).as(host).get()
                    .extracting(WebhookTargets.Refusal::addressClass).isEqualTo("stack-host");
        }
        assertThat(targets.refusalAtWrite("https://mongo.example/hook")).isEmpty();
        assertThat(targets.refusalAtWrite("https://notsvc.example/hook")).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveNowIsAcceptedAtWriteButNotCalled() {
        assertThat(targets.refusalAtWrite("https://not-yet.cascade.test/hook")).isEmpty();
        assertThatThrownBy(() -> targets.checkedAddresses("not-yet.cascade.test"))
                .isInstanceOf(java.net.UnknownHostException.class)
                .isNotInstanceOf(WebhookTargets.TargetRefused.class);
    }

    @Test
    void anAllowedHostIsExemptAndOnlyIt() throws Exception {
        assertThat(targets.refusalAtWrite("https://" + TestHostResolver.RECEIVER + "/hook")).get()
                .extracting(WebhookTargets.Refusal::addressClass).isEqualTo("loopback");
        var allowing = new WebhookTargets(new WebhookSettings(false, DEFAULTS.deniedHosts(),
                List.of(TestHostResolver.RECEIVER)), new TestHostResolver());
        assertThat(allowing.refusalAtWrite("https://" + TestHostResolver.RECEIVER + "/hook")).isEmpty();
        assertThat(allowing.checkedAddresses(TestHostResolver.RECEIVER)[0].getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(allowing.refusalAtWrite("https://" + TestHostResolver.LOOPBACK_NAME + "/hook")).isPresent();
    }

    @Test
    void everyAddressOfANameIsChecked() {
        HostResolver twoAddresses = host -> new InetAddress[]{InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("10.0.0.7")};
        var checking = new WebhookTargets(DEFAULTS, twoAddresses);
        assertThatThrownBy(() -> checking.checkedAddresses("mixed.example"))
                .isInstanceOf(WebhookTargets.TargetRefused.class)
                .hasMessage("host 'mixed.example' resolves to 10.0.0.7, a private address; webhooks may only call "
                        + "public addresses");
    }
}
