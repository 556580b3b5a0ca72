package org.tributary.common.codes;

/**
 * A country in the three codings that Tributary meets: ISO 3166-1 alpha-2 (HTCDS), alpha-3 (CTDC) and UN M49
 * numeric (SDG SDMX).
 */
public record Country(String alpha2, String alpha3, int m49, String name) {}
