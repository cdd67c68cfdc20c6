package dev.cascade.platform.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DatabindException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The field a JSON refusal is about, in the form problem documents name fields: {@code values.GDNN_INTAKE_RATE.numerator},
 * {@code tasks[0].task}, or {@code body} for the document as a whole. Taken from the exception's path when databind
 * filled it, otherwise from where the parser stood (a key given twice, a syntax error inside an object).
 */
public final class JsonFieldPath {

    public static final String BODY = "body";

    private JsonFieldPath() {
    }

    public static String of(JacksonException e) {
        if (e instanceof UnexpectedEndOfInputException
                || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")) {
            return BODY; // the document stops short: that is the body's fault, not the last field's
        }
        if (!(e instanceof DatabindException) && e.processor() instanceof JsonParser parser
                && parser.streamReadContext() != null) {
            // the parser refused (a key given twice, a syntax error): where it stood is the whole path from the root
            String path = pathOf(parser.streamReadContext());
            if (!path.isEmpty()) {
                return path;
            }
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            append(path, reference.getPropertyName(), reference.getIndex());
        }
        return path.isEmpty() ? BODY : path.toString();
    }

    private static String pathOf(TokenStreamContext context) {
        Deque<TokenStreamContext> contexts = new ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            contexts.push(c);
        }
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext c : contexts) {
            if (c.inObject()) {
                append(path, c.currentName(), -1);
            } else if (c.inArray() && c.hasCurrentIndex()) {
                append(path, null, c.getCurrentIndex());
            }
        }
        return path.toString();
    }

    private static void append(StringBuilder path, String name, int index) {
        if (name != null) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(name);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }
}
