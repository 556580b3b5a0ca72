package org.tributary.support.json;

import tools.jackson.core.JacksonException;

/** The field a Jackson error points at, written as people read it: {@code assistance[0].serviceType}. */
public final class JsonPaths {

    private JsonPaths() {}

    /** The path, or an empty string when the error is not about a field. */
    public static String of(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
