package dev.cascade.platform.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Jackson's string reading, refusing a string that is not well-formed Unicode: a high surrogate not followed by a low
 * one, or a low surrogate on its own (JSON lets {@code "\ud800"} be written; no text can hold it, and a store or a
 * UTF-8 encoder would silently turn it into U+FFFD).
 */
final class WellFormedStrings extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        String text = super.deserialize(parser, context);
        int bad = firstLoneSurrogate(text);
        if (bad >= 0) {
            return context.reportInputMismatch(String.class,
                    "must be well-formed Unicode text (a lone UTF-16 surrogate at character %d)", bad);
        }
        return text;
    }

    /** The index of the first surrogate that is not half of a pair, or -1. */
    static int firstLoneSurrogate(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
