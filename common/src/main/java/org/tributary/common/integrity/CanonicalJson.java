package org.tributary.common.integrity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) over plain Java values: {@link Map} (string keys), {@link Collection},
 * {@link CharSequence}, {@link Number}, {@link Boolean} and {@code null} — what a JSON parser's untyped reading gives.
 * Object members are sorted by their keys' UTF-16 code units, strings are escaped as RFC 8785 says (only {@code "},
 * {@code \} and control characters), numbers are written as ECMAScript writes an IEEE 754 double (so {@code 1.0},
 * {@code 1} and {@code 1e0} are one number), and the result is UTF-8 without whitespace. What is signed or hashed in
 * Tributary is always this form, so that any reader who parses the JSON can recompute it.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /** The canonical form's UTF-8 bytes. */
    public static byte[] bytes(Object value) {
        return text(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical form as text. */
    public static String text(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof CharSequence s) {
            string(s.toString(), out);
        } else if (value instanceof Number n) {
            out.append(number(n));
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>(map.size());
            for (Object k : map.keySet()) {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("object keys must be strings");
                }
                keys.add(key);
            }
            // String.compareTo compares UTF-16 code units, as RFC 8785 section 3.2.3 requires.
            keys.sort(String::compareTo);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(keys.get(i), out);
                out.append(':');
                write(map.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (value instanceof Object[] array) {
            write(List.of(array), out);
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getSimpleName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("a lone surrogate has no UTF-8 form (RFC 8785 3.2.2.2)");
                    } else if (c < 0x20) {
                        out.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A number as ECMAScript's Number.prototype.toString writes the nearest IEEE 754 double (RFC 8785 3.2.2.3). */
    static String number(Number n) {
        double d;
        if (n instanceof BigDecimal bd) {
            d = bd.doubleValue();
        } else if (n instanceof BigInteger bi) {
            d = bi.doubleValue();
        } else {
            d = n.doubleValue();
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("NaN and infinities have no JSON form");
        }
        if (d == 0) {
            return "0"; // and -0
        }
        if (d == Math.rint(d) && Math.abs(d) <= 9007199254740992.0) {
            // A whole number up to 2^53: every digit is needed, and ECMAScript writes them all.
            return Long.toString((long) d);
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal shortest = shortest(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int e = k - shortest.scale(); // the value is 0.digits × 10^e
        StringBuilder out = new StringBuilder(sign);
        if (k <= e && e <= 21) {
            out.append(digits).append("0".repeat(e - k));
        } else if (0 < e && e <= 21) {
            out.append(digits, 0, e).append('.').append(digits, e, k);
        } else if (-6 < e && e <= 0) {
            out.append("0.").append("0".repeat(-e)).append(digits);
        } else {
            int exponent = e - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }

    /** The fewest significant digits that read back as {@code d}, nearest to it (no trailing zeros). */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
