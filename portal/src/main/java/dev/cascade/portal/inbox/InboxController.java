package dev.cascade.portal.inbox;

import dev.cascade.portal.PortalProperties;
import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.PortalTokens;
import dev.cascade.portal.api.LiveFeeds;
import dev.cascade.portal.web.Person;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;

/** The person's inbox: reminders and notifications, newest first, read/unread, new ones arriving live. */
@Controller
class InboxController {

    private final CascadeApi api;
    private final LiveFeeds live;
    private final OAuth2AuthorizedClientManager tokens;
    private final PortalProperties properties;

    InboxController(CascadeApi api, LiveFeeds live, OAuth2AuthorizedClientManager tokens, PortalProperties properties) {
        this.api = api;
        this.live = live;
        this.tokens = tokens;
        this.properties = properties;
    }

    @GetMapping("/inbox")
    String inbox(Authentication authentication, Model model) {
        model.addAttribute("inbox", api.inbox(Person.of(authentication).user()));
        return "inbox";
    }

    @GetMapping("/inbox/items")
    String items(Authentication authentication, Model model) {
        model.addAttribute("inbox", api.inbox(Person.of(authentication).user()));
        return "inbox :: items";
    }

    @PostMapping("/inbox/{itemId}")
    String mark(@PathVariable String itemId, @RequestParam(defaultValue = "true") boolean read,
                Authentication authentication) {
        api.markRead(Person.of(authentication).user(), itemId, read);
        return "redirect:/inbox";
    }

    @GetMapping(path = "/live/inbox", produces = "text/event-stream")
    SseEmitter liveInbox(Authentication authentication) {
        var upstream = UriComponentsBuilder.fromUri(properties.services().notification())
                .pathSegment("inbox", Person.of(authentication).user(), "stream").build().encode().toUri();
        return live.relay(upstream, PortalTokens.accessToken(tokens, authentication), "notification", "notification",
                true);
    }
}
