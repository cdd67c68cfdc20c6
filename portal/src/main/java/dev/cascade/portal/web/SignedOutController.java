package dev.cascade.portal.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The page after logging out: it says so and offers to log in again. */
@Controller
class SignedOutController {

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }
}
