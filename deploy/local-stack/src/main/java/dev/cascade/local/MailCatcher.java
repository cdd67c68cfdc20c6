package dev.cascade.local;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cascade.notification.delivery.MailStreams;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An SMTP server that keeps every message it receives, and a small HTTP endpoint that lists them as JSON
 * ({@code GET /messages}, newest last; {@code ?to=address} filters by recipient; {@code ?from=n} leaves out the
 * first n received, so that a client following the mail reads each message once). Each message carries
 * {@code receivedAt}, the instant this server stored it.
 */
final class MailCatcher implements AutoCloseable {

    private final GreenMail greenMail;
    private final HttpServer http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<StoredMessage> arrived = new ArrayList<>();
    private final Set<StoredMessage> known = Collections.newSetFromMap(new IdentityHashMap<>());

    MailCatcher(int smtpPort, int httpPort) throws IOException {
        MailStreams.nameProvider(); // every listed message decodes its subject and body: no class-path scan for each
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        greenMail = new GreenMail(smtpPort == 0 ? smtp.dynamicPort() : smtp);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/messages", this::list);
    }

    void start() {
        greenMail.start();
        http.start();
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    /** Every message received so far, decoded. */
    List<Map<String, Object>> messages() {
        return messages(0);
    }

    /** The messages received after the first {@code from} (in the order this catcher first saw them), decoded. */
    List<Map<String, Object>> messages(int from) {
        List<StoredMessage> received = arrived();
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = Math.max(0, from); i < received.size(); i++) {
            result.add(describe(received.get(i)));
        }
        return result;
    }

    /**
     * Every message in the order first seen: GreenMail lists them mailbox by mailbox, so a new message to an
     * address that received mail before would otherwise appear among the old ones and a {@code ?from=n} reader
     * would miss it.
     */
    private synchronized List<StoredMessage> arrived() {
        for (StoredMessage message : greenMail.getManagers().getImapHostManager().getAllMessages()) {
            if (known.add(message)) {
                arrived.add(message);
            }
        }
        return List.copyOf(arrived);
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String to = queryParameter(exchange.getRequestURI().getRawQuery(), "to");
            String from = queryParameter(exchange.getRequestURI().getRawQuery(), "from");
            int skip;
            try {
                skip = from == null ? 0 : Integer.parseInt(from);
            } catch (NumberFormatException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            List<Map<String, Object>> messages = messages(skip).stream()
                    .filter(m -> to == null || ((List<?>) m.get("to")).contains(to))
                    .toList();
            byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(messages);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, Object> describe(StoredMessage stored) {
        try {
            MimeMessage message = stored.getMimeMessage();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("from", addresses(message.getFrom()));
            view.put("to", addresses(message.getAllRecipients()));
            view.put("subject", message.getSubject());
            view.put("sentDate", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
            // when this server stored it, to the millisecond (the sent date is the sender's, to the second)
            view.put("receivedAt", stored.getReceivedDate().toInstant().toString());
            view.put("body", decodeBody(message));
            String[] notification = message.getHeader("X-Cascade-Notification-Id");
            view.put("notificationId", notification == null ? null : notification[0]);
            return view;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot read a received message", e);
        }
    }

    private static String decodeBody(MimeMessage message) throws MessagingException, UnsupportedEncodingException {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return text;
            }
        } catch (IOException e) {
            // fall through to the raw body
        }
        return MimeUtility.decodeText(GreenMailUtil.getBody(message));
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(MailCatcher::plainAddress).toList();
    }

    private static String plainAddress(Address address) {
        return address instanceof jakarta.mail.internet.InternetAddress internet ? internet.getAddress() : address.toString();
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        http.stop(0);
        greenMail.stop();
    }
}
