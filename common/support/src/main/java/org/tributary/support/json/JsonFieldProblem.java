package org.tributary.support.json;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * What is wrong with one field of a JSON body, for a problem detail: the field as people read it
 * ({@code assistance[0].serviceType}), a reason, and the rejected value when there is one (the caller decides whether
 * it may be echoed: personal fields never are).
 */
public record JsonFieldProblem(String field, String reason, Object value) {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"([^\"]{0,200})\"");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_$-]{1,100}");

    public static Optional<JsonFieldProblem> of(Throwable cause) {
        if (!(cause instanceof JacksonException jackson)) {
            return Optional.empty();
        }
        String path = JsonPaths.of(jackson);
        String message = String.valueOf(jackson.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            String name = SAFE_NAME.matcher(duplicate.group(1)).matches() ? duplicate.group(1) : "(a key)";
            return Optional.of(new JsonFieldProblem(
                    path.isEmpty() ? name : path + "." + name, "appears more than once in the same object", null));
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Object value = jackson instanceof InvalidFormatException invalid ? invalid.getValue() : null;
        if (jackson instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = String.join(
                    ", ",
                    Arrays.stream(invalid.getTargetType().getEnumConstants())
                            .map(c -> ((Enum<?>) c).name())
                            .toList());
            return Optional.of(new JsonFieldProblem(path, "is no known code; allowed: " + allowed, value));
        }
        if (message.contains("Floating-point value")) {
            return Optional.of(new JsonFieldProblem(path, "must be a whole number", value));
        }
        return Optional.of(new JsonFieldProblem(path, "has the wrong type or format", value));
    }
}
