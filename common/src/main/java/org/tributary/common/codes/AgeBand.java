package org.tributary.common.codes;

/**
 * The CTDC age bands in which ages are released. Ages themselves never leave a node: a band is as fine as any
 * aggregate goes.
 */
public enum AgeBand implements CodeList {
    AGE_0_8(0, 8),
    AGE_9_17(9, 17),
    AGE_18_20(18, 20),
    AGE_21_23(21, 23),
    AGE_24_26(24, 26),
    AGE_27_29(27, 29),
    AGE_30_38(30, 38),
    AGE_39_47(39, 47),
    AGE_48_PLUS(48, Integer.MAX_VALUE);

    private final int from;
    private final int to;

    AgeBand(int from, int to) {
        this.from = from;
        this.to = to;
    }

    /** The band of an age in whole years; ages below 0 or above 130 are no age. */
    public static AgeBand of(int age) {
        if (age < 0 || age > 130) {
            throw new IllegalArgumentException("age out of range 0..130");
        }
        for (AgeBand band : values()) {
            if (age <= band.to) {
                return band;
            }
        }
        throw new AssertionError("bands cover every age");
    }

    /** The band as people read it: {@code 9-17}, {@code 48+}. */
    public String label() {
        return to == Integer.MAX_VALUE ? from + "+" : from + "-" + to;
    }

    public int from() {
        return from;
    }

    /** Inclusive upper bound, {@link Integer#MAX_VALUE} for the open band. */
    public int to() {
        return to;
    }

    /** Under 18 at identification, in the sense of the Palermo Protocol. */
    public boolean isChild() {
        return to < 18;
    }
}
