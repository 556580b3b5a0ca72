package org.tributary.node.cases;

import java.lang.reflect.RecordComponent;
import java.util.Collection;

/**
 * Whether every string inside a request record is storable text: PostgreSQL refuses NUL, and other control
 * characters are never typed by people. Tab, line feed and carriage return are fine.
 */
final class TextSafety {

    private TextSafety() {}

    static boolean isSafe(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().allMatch(TextSafety::isSafe);
        }
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Class<?> type = component.getType();
                if (type == String.class
                        || Record.class.isAssignableFrom(type)
                        || Collection.class.isAssignableFrom(type)) {
                    try {
                        if (!isSafe(component.getAccessor().invoke(record))) {
                            return false;
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return true;
    }
}
