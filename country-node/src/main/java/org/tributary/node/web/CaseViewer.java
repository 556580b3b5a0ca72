package org.tributary.node.web;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who reads or writes cases, as need-to-know sees them: a case worker sees the cases they own (HTCDS {@code
 * cas_CaseOwner}, a lookup to a user: their Keycloak username) or are assigned to; a case supervisor sees every case
 * of the node's country and assigns them.
 *
 * @param username the signed-in user's Keycloak username (token claim {@code preferred_username}), lower case; null
 *     when the token names none (such a caller sees no case unless a supervisor)
 * @param supervisor whether the caller holds {@code case-supervisor} for this country
 */
public record CaseViewer(String username, boolean supervisor) {

    /** A Keycloak username as the realm stores them: lower case, no spaces. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,99}");

    /** Someone who sees every case: imports and maintenance that act on behalf of the whole node. */
    public static CaseViewer supervisor(String username) {
        return new CaseViewer(username, true);
    }

    public CaseViewer {
        username = normalise(username);
    }

    /** A username as stored and compared: stripped, lower case; blank is null. */
    public static String normalise(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        return username.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a (normalised) username is one a realm can hold. */
    public static boolean isUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** Whether this viewer may own or be given {@code owner}'s cases without a supervisor: only their own. */
    public boolean isSelf(String owner) {
        return username != null && username.equals(normalise(owner));
    }
}
