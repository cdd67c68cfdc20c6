package dev.cascade.notification.contact;

import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where a webhook may point (server-side request forgery): only {@code https} (and {@code http} when
 * {@code cascade.notifications.webhooks.allow-http}), never one of the stack's own hosts
 * ({@code denied-hosts}), never a host that is or resolves to a loopback, link-local, private, unspecified,
 * multicast or otherwise reserved address. A host in {@code allowed-hosts} is exempt (tests only).
 *
 * <p>Checked when contacts are written ({@link #refusalAtWrite}) and again, on every address the host resolves to
 * then, at each delivery ({@link #checkedAddresses}), whose result is the only set of addresses the webhook call may
 * connect to (DNS rebinding).
 */
@Component
public class WebhookTargets {

    private final WebhookSettings settings;
    private final HostResolver resolver;

    public WebhookTargets(WebhookSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /**
     * Why a webhook target is refused.
     *
     * @param addressClass {@code scheme}, {@code stack-host}, {@code loopback}, {@code link-local}, {@code private},
     *                     {@code unspecified}, {@code multicast} or {@code reserved}
     */
    public record Refusal(String addressClass, String message) {
    }

    /** A webhook target refused at delivery time: an {@link UnknownHostException} so that HTTP clients pass it on. */
    public static class TargetRefused extends UnknownHostException {
        private final transient Refusal refusal;

        public TargetRefused(Refusal refusal) {
            super(refusal.message());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * When contacts are written: the refusal of {@code url} (already an absolute http(s) URL), or empty. A host name
     * that does not resolve now is accepted (its receiver may not be set up yet): the delivery checks it again.
     */
    public Optional<Refusal> refusalAtWrite(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(new Refusal("scheme", "not an absolute http(s) URL"));
        }
        Optional<Refusal> scheme = refusalOfScheme(uri.getScheme());
        if (scheme.isPresent()) {
            return scheme;
        }
        try {
            checkedAddresses(uri.getHost());
            return Optional.empty();
        } catch (TargetRefused refused) {
            return Optional.of(refused.refusal());
        } catch (UnknownHostException unknown) {
            return Optional.empty();
        }
    }

    /** The refusal of a URL's scheme: anything but https, and http unless allowed. */
    public Optional<Refusal> refusalOfScheme(String scheme) {
        if ("https".equalsIgnoreCase(scheme)) {
            return Optional.empty();
        }
        if ("http".equalsIgnoreCase(scheme)) {
            return settings.allowHttp() ? Optional.empty() : Optional.of(new Refusal("scheme",
                    "must be https (plain http is not allowed on this service)"));
        }
        return Optional.of(new Refusal("scheme", "must be an https URL"));
    }

    /**
     * Resolves {@code host} and checks every address it resolves to; the addresses returned are the only ones a call
     * to it may connect to.
     *
     * @throws TargetRefused        when the host is one of the stack's own or any address is not a public one
     * @throws UnknownHostException when the host does not resolve
     */
    public InetAddress[] checkedAddresses(String host) throws UnknownHostException {
        String name = WebhookSettings.normal(host);
        if (name.isEmpty()) {
            throw new TargetRefused(new Refusal("unspecified", "the URL names no host"));
        }
        if (settings.allowedHosts().contains(name)) {
            return resolver.resolve(name);
        }
        for (String denied : settings.deniedHosts()) {
            boolean suffix = denied.startsWith(".");
            if (suffix ? name.endsWith(denied) || name.equals(denied.substring(1)) : name.equals(denied)) {
                throw new TargetRefused(new Refusal("stack-host", "host '" + name
                        + "' is one of Cascade's own hosts; webhooks may only call outside receivers"));
            }
        }
        InetAddress[] addresses = resolver.resolve(name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(name);
        }
        for (InetAddress address : addresses) {
            String addressClass = addressClass(address);
            if (addressClass != null) {
                String literal = address.getHostAddress();
                throw new TargetRefused(new Refusal(addressClass, (literal.equals(name) ? "address " + literal
                        : "host '" + name + "' resolves to " + literal) + ", a " + addressClass
                        + " address; webhooks may only call public addresses"));
            }
        }
        return addresses;
    }

    /** The class of an address a webhook may not call, or {@code null} for a public address. */
    static String addressClass(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (v6.isIPv4CompatibleAddress() || isIpv4Mapped(b) || isNat64(b)) {
                try {
                    InetAddress embedded = InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
                    String embeddedClass = addressClass(embedded);
                    return embeddedClass != null ? embeddedClass : isNat64(b) ? null : "reserved";
                } catch (UnknownHostException e) {
                    return "reserved";
                }
            }
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified"; // 0.0.0.0/8, "this network"
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "private"; // 100.64.0.0/10, carrier-grade NAT
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "reserved"; // 192.0.0.0/24, IETF protocol assignments
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "reserved"; // 198.18.0.0/15, benchmarking
            }
            if (first >= 240) {
                return "reserved"; // 240.0.0.0/4 and the broadcast address
            }
            return null;
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return "private"; // fc00::/7, unique local
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x02) {
            return "reserved"; // 2002::/16, 6to4 (may embed any IPv4 address)
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            return "reserved"; // 2001::/32, Teredo
        }
        return null;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isNat64(byte[] b) {
        // 64:ff9b::/96, the well-known NAT64 prefix
        return b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && java.util.stream.IntStream.range(4, 12).allMatch(i -> b[i] == 0);
    }
}
