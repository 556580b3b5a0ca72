package org.tributary.aggregator.integrity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The published keys, for anyone verifying a release; and the witness's view for the security officer: each node's
 * audit chain as witnessed, and every alarm with the node's own signed statements as evidence.
 */
@RestController
class IntegrityController {

    private final PublishedKeys keys;
    private final Witness witness;
    private final Clock clock;

    IntegrityController(PublishedKeys keys, Witness witness, Clock clock) {
        this.keys = keys;
        this.witness = witness;
        this.clock = clock;
    }

    @GetMapping("/api/regional/keys")
    Map<String, Object> keys() {
        return keys.published();
    }

    @GetMapping("/api/security/integrity")
    Map<String, Object> integrity() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", clock.instant());
        out.put("nodes", witness.report());
        out.put("alarms", witness.alarms(100));
        return out;
    }

    /** Checks every node's chain now (the witness also does so periodically). */
    @PostMapping("/api/security/integrity/checks")
    Map<String, Object> checkNow() {
        witness.checkAll();
        return integrity();
    }
}
