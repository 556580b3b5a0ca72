package org.tributary.aggregator.accessreview;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientMappingsRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.MappingsRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;

/**
 * The access review over Keycloak's admin API: who holds which realm role, which clients exist, and the officer's
 * two remedies (disable a user, end a user's sessions). Names and e-mails are answered to the officer but never
 * logged; the log carries ids only.
 */
@Service
class AccessReview {

    private static final Logger log = LoggerFactory.getLogger(AccessReview.class);

    static final int PAGE = 100;
    static final String COUNTRY_ATTRIBUTE = "country";
    static final String LAST_ACCESS_NOTE = "lastAccess is the latest activity of the user's active sessions, null"
            + " when the user has none. Keycloak keeps no last-login time; login events (when event storage is"
            + " enabled) would give one.";

    private final RealmAdmin admin;
    private final AccessEvents events;
    private final Clock clock;

    AccessReview(RealmAdmin admin, AccessEvents events, Clock clock) {
        this.admin = admin;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One user as the review shows it.
     *
     * @param realmRoles effective realm roles (composites expanded), sorted
     * @param lastAccess the latest activity over the user's active sessions; null without a session
     */
    record UserView(
            String id,
            String username,
            String firstName,
            String lastName,
            String email,
            boolean enabled,
            List<String> realmRoles,
            String country,
            Instant created,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastAccess,
            int activeSessions) {}

    record UserListing(List<UserView> users, int count, String note) {}

    /**
     * One client. Secrets are never read into this view.
     *
     * @param access {@code public}, {@code confidential} or {@code bearer-only}
     * @param serviceAccountRealmRoles effective realm roles of the service-account user (service accounts only)
     * @param serviceAccountClientRoles client roles mapped directly to the service-account user, by client
     */
    record ClientView(
            String id,
            String clientId,
            boolean enabled,
            String access,
            boolean serviceAccountEnabled,
            List<String> serviceAccountRealmRoles,
            Map<String, List<String>> serviceAccountClientRoles) {}

    UserListing users(String role, String country) {
        RealmResource realm = admin.realm();
        List<UserView> out = upstream(() -> {
            List<UserView> views = new ArrayList<>();
            for (UserRepresentation user : allUsers(realm)) {
                String userCountry = country(user);
                if (country != null && !country.equalsIgnoreCase(userCountry)) {
                    continue;
                }
                UserResource resource = realm.users().get(user.getId());
                List<String> roles = names(resource.roles().realmLevel().listEffective());
                if (role != null && !roles.contains(role)) {
                    continue;
                }
                List<UserSessionRepresentation> sessions = resource.getUserSessions();
                Instant lastAccess = sessions.stream()
                        .map(UserSessionRepresentation::getLastAccess)
                        .filter(ms -> ms > 0)
                        .max(Long::compare)
                        .map(Instant::ofEpochMilli)
                        .orElse(null);
                views.add(new UserView(
                        user.getId(),
                        user.getUsername(),
                        user.getFirstName(),
                        user.getLastName(),
                        user.getEmail(),
                        Boolean.TRUE.equals(user.isEnabled()),
                        roles,
                        userCountry,
                        user.getCreatedTimestamp() == null ? null : Instant.ofEpochMilli(user.getCreatedTimestamp()),
                        lastAccess,
                        sessions.size()));
            }
            views.sort(Comparator.comparing(UserView::username, Comparator.nullsLast(Comparator.naturalOrder())));
            return views;
        });
        return new UserListing(out, out.size(), LAST_ACCESS_NOTE);
    }

    List<ClientView> clients() {
        RealmResource realm = admin.realm();
        return upstream(() -> {
            List<ClientView> views = new ArrayList<>();
            for (ClientRepresentation client : realm.clients().findAll()) {
                boolean serviceAccount = Boolean.TRUE.equals(client.isServiceAccountsEnabled());
                List<String> realmRoles = null;
                Map<String, List<String>> clientRoles = null;
                if (serviceAccount) {
                    UserRepresentation account =
                            realm.clients().get(client.getId()).getServiceAccountUser();
                    UserResource user = realm.users().get(account.getId());
                    realmRoles = names(user.roles().realmLevel().listEffective());
                    clientRoles = clientRoles(user.roles().getAll());
                }
                views.add(new ClientView(
                        client.getId(),
                        client.getClientId(),
                        Boolean.TRUE.equals(client.isEnabled()),
                        access(client),
                        serviceAccount,
                        realmRoles,
                        clientRoles));
            }
            views.sort(Comparator.comparing(ClientView::clientId, Comparator.nullsLast(Comparator.naturalOrder())));
            return views;
        });
    }

    /** Disables the user and ends every session of theirs. Idempotent: a disabled user is only logged out again. */
    void disable(String userId, String officer, String correlationId) {
        RealmResource realm = admin.realm();
        existing(realm, userId, resource -> {
            UserRepresentation user = resource.toRepresentation();
            if (!Boolean.FALSE.equals(user.isEnabled())) {
                // The full representation back, so that nothing else of the user changes.
                user.setEnabled(false);
                resource.update(user);
            }
            resource.logout();
        });
        events.record(AccessEvent.action(clock.instant(), correlationId, officer, "disable-user", userId));
        log.info("Security officer {} disabled user {} and ended their sessions", officer, userId);
    }

    /** Ends every session of the user; the account stays enabled. Idempotent. */
    void logout(String userId, String officer, String correlationId) {
        RealmResource realm = admin.realm();
        existing(realm, userId, UserResource::logout);
        events.record(AccessEvent.action(clock.instant(), correlationId, officer, "logout-user", userId));
        log.info("Security officer {} ended the sessions of user {}", officer, userId);
    }

    private void existing(RealmResource realm, String userId, java.util.function.Consumer<UserResource> action) {
        upstream(() -> {
            try {
                action.accept(realm.users().get(userId));
            } catch (NotFoundException e) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No user has this id.");
            }
            return null;
        });
    }

    private static List<UserRepresentation> allUsers(RealmResource realm) {
        List<UserRepresentation> all = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<UserRepresentation> page = realm.users().list(first, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    private static String country(UserRepresentation user) {
        Map<String, List<String>> attributes = user.getAttributes();
        List<String> values = attributes == null ? null : attributes.get(COUNTRY_ATTRIBUTE);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String access(ClientRepresentation client) {
        if (Boolean.TRUE.equals(client.isBearerOnly())) {
            return "bearer-only";
        }
        return Boolean.TRUE.equals(client.isPublicClient()) ? "public" : "confidential";
    }

    private static List<String> names(List<RoleRepresentation> roles) {
        return roles == null
                ? List.of()
                : roles.stream()
                        .map(RoleRepresentation::getName)
                        .filter(Objects::nonNull)
                        .sorted()
                        .distinct()
                        .toList();
    }

    private static Map<String, List<String>> clientRoles(MappingsRepresentation mappings) {
        Map<String, List<String>> out = new TreeMap<>();
        if (mappings != null && mappings.getClientMappings() != null) {
            for (Map.Entry<String, ClientMappingsRepresentation> e :
                    mappings.getClientMappings().entrySet()) {
                out.put(e.getKey(), names(e.getValue().getMappings()));
            }
        }
        return out;
    }

    /**
     * Runs admin-API calls; Keycloak unreachable, too slow or refusing becomes a 503 problem without internals.
     * Only the HTTP status or the exception class is logged: Keycloak's messages may quote a user.
     */
    private static <T> T upstream(Supplier<T> calls) {
        try {
            return calls.get();
        } catch (ProblemException e) {
            throw e;
        } catch (WebApplicationException e) {
            log.warn(
                    "Keycloak's admin API answered HTTP {} to the access review",
                    e.getResponse() == null ? "?" : e.getResponse().getStatus());
            throw unavailable();
        } catch (ProcessingException e) {
            log.warn(
                    "Keycloak's admin API failed for the access review: {}",
                    e.getCause() == null
                            ? e.getClass().getSimpleName()
                            : e.getCause().getClass().getSimpleName());
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(
                ProblemType.UPSTREAM_UNAVAILABLE, "The identity provider cannot be reached. Try again later.");
    }
}
