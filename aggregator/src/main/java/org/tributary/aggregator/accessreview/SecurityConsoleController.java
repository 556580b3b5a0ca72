package org.tributary.aggregator.accessreview;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The security officer's API. Who may call it is the resource server's configuration (role
 * {@code security-officer}); this controller relays the officer's own token wherever it reads another service.
 */
@RestController
@RequestMapping("/api/security")
@Validated
class SecurityConsoleController {

    private static final String USER_ID = "[A-Za-z0-9:._-]{1,100}";

    private final AccessReview review;
    private final AccessEventsReport accessEvents;
    private final AuditChains auditChains;

    SecurityConsoleController(AccessReview review, AccessEventsReport accessEvents, AuditChains auditChains) {
        this.review = review;
        this.accessEvents = accessEvents;
        this.auditChains = auditChains;
    }

    @GetMapping("/users")
    AccessReview.UserListing users(
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_.-]{1,100}") String role,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z]{2}") String country) {
        return review.users(role, country);
    }

    @GetMapping("/clients")
    List<AccessReview.ClientView> clients() {
        return review.clients();
    }

    @PostMapping("/users/{id}/disable")
    ResponseEntity<Void> disable(
            @PathVariable @Pattern(regexp = USER_ID) String id,
            @AuthenticationPrincipal Jwt officer,
            HttpServletRequest request) {
        review.disable(id, subject(officer), AccessEventFilter.correlationId(request));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/users/{id}/logout")
    ResponseEntity<Void> logout(
            @PathVariable @Pattern(regexp = USER_ID) String id,
            @AuthenticationPrincipal Jwt officer,
            HttpServletRequest request) {
        review.logout(id, subject(officer), AccessEventFilter.correlationId(request));
        return ResponseEntity.noContent().build();
    }

    /**
     * The access events, newest first, filtered: a time window {@code [from, to)} (ISO-8601 instants), a caller's
     * token subject, an officer's action, a status, a path prefix, a source.
     */
    @GetMapping("/access-events")
    AccessEventsReport.Answer accessEvents(
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) java.time.Instant from,
            @RequestParam(required = false) java.time.Instant to,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._:@-]{1,100}") String sub,
            @RequestParam(required = false) @Pattern(regexp = "[a-z-]{1,40}") String action,
            @RequestParam(required = false) @Min(100) @Max(599) Integer status,
            @RequestParam(required = false) @Pattern(regexp = "/[A-Za-z0-9/._-]{0,200}") String path,
            @RequestParam(required = false) @Pattern(regexp = "aggregator|gateway") String source,
            @AuthenticationPrincipal Jwt officer) {
        return accessEvents.find(
                new AccessEventQuery(from, to, sub, action, status, path, source, limit), token(officer));
    }

    @GetMapping("/audit-chains")
    AuditChains.ChainsAnswer auditChains(@AuthenticationPrincipal Jwt officer) {
        return auditChains.verify(token(officer));
    }

    private static String subject(Jwt officer) {
        return officer == null ? null : officer.getSubject();
    }

    private static String token(Jwt officer) {
        return officer == null ? null : officer.getTokenValue();
    }
}
