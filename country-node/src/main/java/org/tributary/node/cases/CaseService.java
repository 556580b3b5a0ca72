package org.tributary.node.cases;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;

/**
 * The case worker's operations on single cases. Optimistic locking: every write names the version it was based
 * on (If-Match or the body's {@code version}); a stale write is refused, never merged silently.
 */
@Service
public class CaseService {

    private final CaseRepository repository;
    private final CaseMapper mapper;
    private final PersonalDataCodec personalData;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CaseService(CaseRepository repository, CaseMapper mapper, PersonalDataCodec personalData, Clock clock) {
        this.repository = repository;
        this.mapper = mapper;
        this.personalData = personalData;
        this.clock = clock;
    }

    @Transactional
    public CaseResponse create(CaseRequest request, String actor) {
        if (repository.existsByExternalRef(request.externalRef())) {
            throw new ProblemException(ProblemType.CONFLICT, "A case with this externalRef exists already.");
        }
        Instant now = clock.instant();
        UUID id = CaseIds.next();
        var record = mapper.toRecord(
                request,
                id,
                random.nextInt(),
                0,
                now,
                actor,
                now,
                actor,
                personalData.seal(request.personal(), request.externalRef()));
        repository.insert(record);
        repository.audit(now, actor, new CaseAuditEntry.Created(id));
        return mapper.toResponse(record, request.personal());
    }

    @Transactional(readOnly = true)
    public CaseResponse get(UUID id) {
        var record = find(id);
        return mapper.toResponse(record, personalData.open(record.personalData(), record.externalRef()));
    }

    @Transactional(readOnly = true)
    public CasePage list(CaseRepository.CaseFilter filter, int page, int size) {
        var items = repository.list(filter, page, size).stream()
                .map(mapper::toSummary)
                .toList();
        return new CasePage(items, page, size, repository.count(filter));
    }

    /**
     * Replaces the case's content. {@code ifMatch} (from the If-Match header) wins over the body's version; a
     * mismatch on If-Match is 412, on the body's version 409, and a write naming neither is 428.
     */
    @Transactional
    public CaseResponse update(UUID id, CaseRequest request, Long ifMatch, String actor) {
        var current = find(id);
        long expected = expectedVersion(current, request.version(), ifMatch);
        if (!current.externalRef().equals(request.externalRef())
                && repository.existsByExternalRef(request.externalRef())) {
            throw new ProblemException(ProblemType.CONFLICT, "Another case has this externalRef.");
        }
        Instant now = clock.instant();
        var record = mapper.toRecord(
                request,
                id,
                current.recordKey(),
                expected + 1,
                current.createdAt(),
                current.createdBy(),
                now,
                actor,
                personalData.seal(request.personal(), request.externalRef()));
        if (!repository.update(record, expected)) {
            throw stale(ifMatch != null);
        }
        repository.audit(now, actor, new CaseAuditEntry.Updated(id));
        return mapper.toResponse(record, request.personal());
    }

    /** Closes a case (HTCDS {@code cas_Status = Closed}) with an optional reason. */
    @Transactional
    public CaseResponse close(UUID id, String reason, Long ifMatch, String actor) {
        var current = find(id);
        long expected = ifMatch != null ? checkIfMatch(current, ifMatch) : current.version();
        Instant now = clock.instant();
        var closed = current.closed(expected + 1, now, actor, reason);
        if (!repository.update(closed, expected)) {
            throw stale(true);
        }
        repository.audit(now, actor, new CaseAuditEntry.Closed(id));
        return mapper.toResponse(closed, personalData.open(closed.personalData(), closed.externalRef()));
    }

    /**
     * Right to erasure: removes the case and everything attached to it. The audit trail keeps only that case id
     * X was erased by whom and when.
     */
    @Transactional
    public void erase(UUID id, String actor) {
        if (!repository.delete(id)) {
            throw notFound();
        }
        repository.audit(clock.instant(), actor, new CaseAuditEntry.Erased(id));
    }

    private CaseRecord find(UUID id) {
        return repository.findById(id).orElseThrow(CaseService::notFound);
    }

    private static long expectedVersion(CaseRecord current, Long bodyVersion, Long ifMatch) {
        if (ifMatch != null) {
            return checkIfMatch(current, ifMatch);
        }
        if (bodyVersion == null) {
            throw new ProblemException(
                    ProblemType.PRECONDITION_REQUIRED,
                    "Say which version you are changing: send If-Match with the ETag you read, or the version field.");
        }
        if (bodyVersion != current.version()) {
            throw stale(false);
        }
        return bodyVersion;
    }

    private static long checkIfMatch(CaseRecord current, long ifMatch) {
        if (ifMatch != current.version()) {
            throw stale(true);
        }
        return ifMatch;
    }

    private static ProblemException stale(boolean viaIfMatch) {
        String detail = "The case was changed since you read it. Read it again and re-apply your change.";
        return new ProblemException(viaIfMatch ? ProblemType.PRECONDITION_FAILED : ProblemType.CONFLICT, detail);
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No case with this id on this node.");
    }
}
