package dev.cascade.notification;

import dev.cascade.notification.contact.HostResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests' DNS: a few fixed names, one that can be rebound while the service runs, {@code *.example} to a public
 * address; address literals and {@code localhost} as the JDK resolves them; any other name unknown (no real DNS).
 */
public final class TestHostResolver implements HostResolver {

    /** Where the tests' HTTP receivers are reached (the only host in the tests' {@code allowed-hosts}). */
    public static final String RECEIVER = "receiver.cascade.test";
    /** A name that resolves to 127.0.0.1 without being a stack host. */
    public static final String LOOPBACK_NAME = "loopback.cascade.test";
    /** A name that resolves to the metadata address 169.254.169.254. */
    public static final String METADATA_NAME = "metadata.cascade.test";
    /** A name whose address a test changes ({@link #rebind}); public until then. */
    public static final String REBINDING = "rebinding.cascade.test";
    public static final String PUBLIC_ADDRESS = "93.184.216.34";

    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    static {
        reset();
    }

    /** The fixed names again, {@link #REBINDING} public. */
    public static void reset() {
        NAMES.clear();
        NAMES.put(RECEIVER, "127.0.0.1");
        NAMES.put(LOOPBACK_NAME, "127.0.0.1");
        NAMES.put(METADATA_NAME, "169.254.169.254");
        NAMES.put(REBINDING, PUBLIC_ADDRESS);
    }

    /** From now on {@link #REBINDING} resolves to {@code address}. */
    public static void rebind(String address) {
        NAMES.put(REBINDING, address);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        String address = NAMES.get(name);
        if (address != null) {
            return new InetAddress[]{InetAddress.getByAddress(name, InetAddress.getByName(address).getAddress())};
        }
        if (name.endsWith(".example")) {
            return new InetAddress[]{InetAddress.getByAddress(name, InetAddress.getByName(PUBLIC_ADDRESS).getAddress())};
        }
        if (name.equals("localhost") || Character.digit(name.charAt(0), 16) >= 0 || name.contains(":")) {
            return InetAddress.getAllByName(name); // literals (and localhost): no DNS query
        }
        throw new UnknownHostException(name + " (the tests' resolver knows no such name)");
    }
}
