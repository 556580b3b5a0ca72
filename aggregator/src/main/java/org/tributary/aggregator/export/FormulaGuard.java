package org.tributary.aggregator.export;

import java.util.regex.Pattern;

/**
 * Keeps text from being run as a formula when a download is opened in a spreadsheet (CSV injection): notes and
 * codes come from the nodes and travel on to analysts' machines.
 */
final class FormulaGuard {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private FormulaGuard() {}

    /** Whether a spreadsheet could read the text as a formula: it starts with =, +, -, @, tab or CR. */
    static boolean isFormulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        boolean trigger =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        // A negative number is data, not a formula: it stays as it is so that it still reads as a number.
        return trigger && !PLAIN_NUMBER.matcher(text).matches();
    }

    /** The text as a CSV cell: formula-like text gets a leading apostrophe, which spreadsheets show as text. */
    static String escape(String text) {
        return isFormulaLike(text) ? "'" + text : text;
    }
}
