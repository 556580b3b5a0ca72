package org.tributary.node.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.IdentificationStage;
import org.tributary.common.problem.ProblemType;
import org.tributary.node.web.CurrentActor;
import org.tributary.support.web.ProblemException;

/**
 * The case API for case workers and case supervisors. The ETag of a case is its version. A case worker sees only the
 * cases they own or are assigned to ({@link CaseService}).
 */
@RestController
@RequestMapping("/api/cases")
@Validated
class CaseController {

    private final CaseService cases;
    private final CurrentActor actor;

    CaseController(CaseService cases, CurrentActor actor) {
        this.cases = cases;
        this.actor = actor;
    }

    @PostMapping
    ResponseEntity<CaseResponse> create(@Valid @RequestBody CaseRequest request) {
        var created = cases.create(request, actor.viewer(), actor.name());
        return ResponseEntity.created(URI.create("/api/cases/" + created.id()))
                .eTag(etag(created.version()))
                .body(created);
    }

    @GetMapping("/{id}")
    ResponseEntity<CaseResponse> get(@PathVariable UUID id) {
        var found = cases.get(id, actor.viewer());
        return ResponseEntity.ok().eTag(etag(found.version())).body(found);
    }

    @GetMapping
    CasePage list(
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) @Min(1900) @Max(2100) Integer year,
            @RequestParam(required = false) @Pattern(regexp = "[A-Z]{2}") String citizenship,
            @RequestParam(required = false) IdentificationStage stage,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return cases.list(new CaseRepository.CaseFilter(status, year, citizenship, stage), actor.viewer(), page, size);
    }

    @PutMapping("/{id}")
    ResponseEntity<CaseResponse> update(
            @PathVariable UUID id,
            @Valid @RequestBody CaseRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var updated = cases.update(id, request, version(ifMatch), actor.viewer(), actor.name());
        return ResponseEntity.ok().eTag(etag(updated.version())).body(updated);
    }

    @PostMapping("/{id}/close")
    ResponseEntity<CaseResponse> close(
            @PathVariable UUID id,
            @RequestBody(required = false) @Valid CloseRequest body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var closed =
                cases.close(id, body == null ? null : body.reason(), version(ifMatch), actor.viewer(), actor.name());
        return ResponseEntity.ok().eTag(etag(closed.version())).body(closed);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(@PathVariable UUID id) {
        cases.erase(id, actor.viewer(), actor.name());
        return ResponseEntity.noContent().build();
    }

    /** Who fields were changed by, and when: no values. */
    @GetMapping("/{id}/history")
    CaseHistory history(@PathVariable UUID id) {
        return cases.history(id, actor.viewer());
    }

    @GetMapping("/{id}/assignment")
    ResponseEntity<CaseAssignment> assignment(@PathVariable UUID id) {
        var found = cases.assignment(id, actor.viewer());
        return ResponseEntity.ok().eTag(etag(found.version())).body(found);
    }

    /** A case supervisor's assignment of the case: its owner and other case workers. */
    @PutMapping("/{id}/assignment")
    ResponseEntity<CaseAssignment> assign(
            @PathVariable UUID id,
            @Valid @RequestBody CaseAssignment.Request request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var assigned = cases.assign(id, request, version(ifMatch), actor.viewer(), actor.name());
        return ResponseEntity.ok().eTag(etag(assigned.version())).body(assigned);
    }

    record CloseRequest(@Size(max = 2000) String reason) {

        @jakarta.validation.constraints.AssertTrue(message = CaseRequest.CONTROL_CHARACTERS_MESSAGE)
        boolean isFreeOfControlCharacters() {
            return TextSafety.isSafe(reason);
        }
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version named by an If-Match header ({@code "3"} or {@code W/"3"}), or null without one. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            var tags = ETag.parse(ifMatch);
            if (tags.size() == 1 && !tags.get(0).isWildcard()) {
                return Long.parseLong(tags.get(0).tag());
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw new ProblemException(
                ProblemType.PRECONDITION_FAILED, "If-Match must be one ETag of this case, e.g. \"3\".");
    }
}
