package dev.cascade.portal.web;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in (the header shows their name, unit and the menu their roles allow). */
@ControllerAdvice
class PersonAdvice {

    @ModelAttribute("person")
    Person person(Authentication authentication) {
        return Person.of(authentication);
    }

    /** The page's own path, for the language switch that reloads it. */
    @ModelAttribute("here")
    String here(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
