package dev.cascade.portal.api;

import java.util.List;

/** A person's inbox, newest first. */
public record Inbox(String user, long unread, List<InboxItem> items) {
}
