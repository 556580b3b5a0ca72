package org.tributary.node.cases;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;

/**
 * Whether every string inside a request record is storable text: PostgreSQL refuses NUL, and other control
 * characters are never typed by people. Tab, line feed and carriage return are fine. The record accessors worth
 * looking at are found once per record type: this runs for every imported row.
 */
final class TextSafety {

    private static final ClassValue<Method[]> TEXT_ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                return new Method[0];
            }
            return Arrays.stream(components)
                    .filter(c -> c.getType() == String.class
                            || Record.class.isAssignableFrom(c.getType())
                            || Collection.class.isAssignableFrom(c.getType()))
                    .map(RecordComponent::getAccessor)
                    .peek(m -> m.setAccessible(true))
                    .toArray(Method[]::new);
        }
    };

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
            for (Object element : collection) {
                if (!isSafe(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Record record) {
            for (Method accessor : TEXT_ACCESSORS.get(record.getClass())) {
                try {
                    if (!isSafe(accessor.invoke(record))) {
                        return false;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return true;
    }
}
