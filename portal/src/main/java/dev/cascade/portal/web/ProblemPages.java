package dev.cascade.portal.web;

import dev.cascade.portal.api.ServiceProblem;
import dev.cascade.portal.api.ServiceUnavailable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A service's refusal that a page cannot show in place (a form shows its field errors itself) becomes a page that
 * says what happened in the person's language, with the service's status: not allowed (and the rule), not found, or
 * a service that does not answer.
 */
@ControllerAdvice
class ProblemPages {

    private final MessageSource messages;

    ProblemPages(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ServiceProblem.class)
    ModelAndView refused(ServiceProblem problem, jakarta.servlet.http.HttpServletRequest request) {
        String key = switch (problem.status()) {
            case 403 -> "problem.forbidden";
            case 404 -> "problem.notFound";
            default -> "problem.refused";
        };
        ModelAndView page = new ModelAndView("problem", HttpStatus.valueOf(problem.status()));
        page.addObject("heading", message(key));
        page.addObject("message", problem.detail() == null ? problem.title() : problem.detail());
        page.addObject("rule", problem.rule());
        return around(page, request);
    }

    @ExceptionHandler(ServiceUnavailable.class)
    ModelAndView unavailable(ServiceUnavailable down, jakarta.servlet.http.HttpServletRequest request) {
        ModelAndView page = new ModelAndView("problem", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("heading", message("problem.unavailable"));
        page.addObject("message", message("problem.unavailableDetail", down.service()));
        return around(page, request);
    }

    /** What every page has besides its content: the person and the page's path (model attributes skip handlers). */
    private static ModelAndView around(ModelAndView page, jakarta.servlet.http.HttpServletRequest request) {
        if (request.getUserPrincipal() instanceof org.springframework.security.core.Authentication authentication) {
            page.addObject("person", Person.of(authentication));
        }
        page.addObject("here", request.getRequestURI().substring(request.getContextPath().length()));
        return page;
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
