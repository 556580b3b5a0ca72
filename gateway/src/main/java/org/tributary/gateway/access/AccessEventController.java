package org.tributary.gateway.access;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /gateway/v1/access-events?limit=100}: the latest access events, newest first, for security officers
 * (the rule is in the security configuration). The aggregator's security API reads it with the officer's token.
 */
@RestController
class AccessEventController {

    private final AccessEvents events;

    AccessEventController(AccessEvents events) {
        this.events = events;
    }

    @GetMapping("/gateway/v1/access-events")
    List<AccessEvent> latest(@RequestParam(defaultValue = "100") int limit) {
        return events.latest(Math.max(1, Math.min(limit, events.capacity())));
    }
}
