package org.tributary.common.codes;

/** A value that is not a code of the expected list. Carries the value the user typed, never a person's data. */
public final class UnknownCodeException extends IllegalArgumentException {

    private final transient Class<? extends Enum<?>> codeList;
    private final String value;

    public UnknownCodeException(Class<? extends Enum<?>> codeList, String value) {
        super("'" + value + "' is not a code of " + codeList.getSimpleName());
        this.codeList = codeList;
        this.value = value;
    }

    public Class<? extends Enum<?>> codeList() {
        return codeList;
    }

    public String value() {
        return value;
    }
}
