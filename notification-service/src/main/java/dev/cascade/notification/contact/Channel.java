package dev.cascade.notification.contact;

/** How a notification reaches people. Only e-mail exists so far; webhooks and the in-app inbox come later. */
public enum Channel {
    EMAIL
}
