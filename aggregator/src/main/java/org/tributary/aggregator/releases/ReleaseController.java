package org.tributary.aggregator.releases;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.aggregator.export.ExportFormat;
import org.tributary.aggregator.integrity.PublishedKeys;
import org.tributary.aggregator.verification.ReleaseVerifier;
import org.tributary.aggregator.web.DatasetResponses;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/** The region's stored releases: make one now, list them, read or export one. */
@RestController
@RequestMapping("/api/regional/releases")
class ReleaseController {

    private final Releases releases;
    private final DatasetResponses responses;
    private final PublishedKeys keys;
    private final JsonMapper json;

    ReleaseController(Releases releases, DatasetResponses responses, PublishedKeys keys, JsonMapper json) {
        this.releases = releases;
        this.responses = responses;
        this.keys = keys;
        this.json = json;
    }

    @PostMapping
    ResponseEntity<ReleaseSummary> release(Principal principal) {
        String requestedBy = principal == null ? "anonymous" : principal.getName();
        // The run's own failure (e.g. too few nodes, 503) is what the client hears.
        ReleaseSummary summary = releases.run("manual", requestedBy);
        return ResponseEntity.created(URI.create("/api/regional/releases/" + summary.number()))
                .body(summary);
    }

    @GetMapping
    List<ReleaseSummary> list() {
        return releases.list();
    }

    /**
     * The release checked as any reader would check its file: the aggregator's signature, every node receipt, the
     * regional values recomputed from the nodes' released cells, the checkpoints' consistency.
     */
    @GetMapping("/{number}/verification")
    ReleaseVerifier.Report verification(@PathVariable long number) {
        var stored = releases.get(number)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "There is no release " + number + "."));
        @SuppressWarnings("unchecked")
        Map<String, Object> file = json.readValue(json.writeValueAsString(stored), Map.class);
        return new ReleaseVerifier(json).verify(file, keys.trusted());
    }

    @GetMapping("/{number}")
    ResponseEntity<?> release(
            @PathVariable long number,
            @RequestParam(required = false) String format,
            @RequestHeader(value = "Accept", required = false) List<String> accept) {
        ExportFormat exportFormat = responses.negotiate(format, accept);
        var stored = releases.get(number)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "There is no release " + number + "."));
        if (exportFormat == ExportFormat.JSON) {
            return ResponseEntity.ok(stored);
        }
        return responses.render(
                stored.datasets(), exportFormat, "regional-release-" + number, Releases.signature(stored), number);
    }
}
