package dev.cascade.notification.contact;

import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a webhook's host (a name or an address literal, without brackets) into its addresses. The service uses the
 * JDK's resolver ({@link System}); tests register one of their own to play a DNS that rebinds.
 */
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The JDK's resolver (the system's DNS, {@code /etc/hosts}). */
    @Component
    class System implements HostResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return InetAddress.getAllByName(host);
        }
    }
}
