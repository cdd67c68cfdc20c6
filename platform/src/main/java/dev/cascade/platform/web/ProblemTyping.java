package dev.cascade.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every problem document a service answers, whichever handler made it, leaves with a Cascade {@code type} (from its
 * status when the handler gave none) and with no echoed text longer than {@link ProblemBodies#MAX_ECHO} characters:
 * the detail and every string in its properties (the {@code errors} list included) are cut.
 */
@RestControllerAdvice
class ProblemTyping implements ResponseBodyAdvice<Object> {

    private static final URI BLANK = URI.create("about:blank");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            tidy(problem);
        }
        return body;
    }

    static void tidy(ProblemDetail problem) {
        if (problem.getType() == null || BLANK.equals(problem.getType())) {
            problem.setType(ProblemBodies.typeOf(problem.getStatus()));
        }
        problem.setDetail(ProblemBodies.cut(problem.getDetail()));
        if (problem.getInstance() != null && problem.getInstance().toString().length() > ProblemBodies.MAX_ECHO) {
            problem.setInstance(null); // a path that long is the caller's own text: not repeated
        }
        if (problem.getProperties() != null) {
            Map<String, Object> cut = new LinkedHashMap<>();
            problem.getProperties().forEach((name, value) -> cut.put(name, cutStrings(value)));
            cut.forEach(problem::setProperty);
        }
    }

    private static Object cutStrings(Object value) {
        if (value instanceof String text) {
            return ProblemBodies.cut(text);
        }
        if (value instanceof List<?> list) {
            List<Object> cut = new ArrayList<>(list.size());
            list.forEach(item -> cut.add(cutStrings(item)));
            return cut;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> cut = new LinkedHashMap<>();
            map.forEach((k, v) -> cut.put(k, cutStrings(v)));
            return cut;
        }
        if (value instanceof Record record) {
            Map<String, Object> cut = new LinkedHashMap<>();
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    var accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    cut.put(component.getName(), cutStrings(accessor.invoke(record)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return value;
                }
            }
            return cut;
        }
        return value;
    }
}
