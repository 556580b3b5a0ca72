package org.tributary.node.cases;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.problem.ProblemType;
import org.tributary.node.web.CaseViewer;
import org.tributary.support.web.ProblemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case worker's operations on single cases. Optimistic locking: every write names the version it was based
 * on (If-Match or the body's {@code version}); a stale write is refused, never merged silently.
 *
 * <p>Need-to-know: every operation is on behalf of a {@link CaseViewer}. A case worker sees, changes, closes and
 * erases only the cases they own or are assigned to (any other case is "not found", as if it did not exist, so that
 * its existence is not disclosed either), creates cases owned by themselves, and cannot hand a case to someone else;
 * a case supervisor sees every case of the country and assigns them.
 */
@Service
public class CaseService {

    private final CaseRepository repository;
    private final CaseMapper mapper;
    private final PersonalDataCodec personalData;
    private final Clock clock;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    /** Response properties that are bookkeeping, not content: never listed as changed fields. */
    private static final Set<String> BOOKKEEPING =
            Set.of("id", "version", "createdAt", "createdBy", "updatedAt", "updatedBy");

    CaseService(
            CaseRepository repository,
            CaseMapper mapper,
            PersonalDataCodec personalData,
            Clock clock,
            JsonMapper json) {
        this.repository = repository;
        this.mapper = mapper;
        this.personalData = personalData;
        this.clock = clock;
        this.json = json;
    }

    @Transactional
    public CaseResponse create(CaseRequest request, CaseViewer viewer, String actor) {
        String owner = ownerOnCreate(request.caseOwner(), viewer);
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
                        personalData.seal(request.personal(), request.externalRef()))
                .withOwner(owner);
        repository.insert(record);
        repository.audit(now, actor, new CaseAuditEntry.Created(id));
        return mapper.toResponse(record, request.personal());
    }

    @Transactional(readOnly = true)
    public CaseResponse get(UUID id, CaseViewer viewer) {
        var record = find(id, viewer);
        return mapper.toResponse(record, personalData.open(record.personalData(), record.externalRef()));
    }

    @Transactional(readOnly = true)
    public CasePage list(CaseRepository.CaseFilter filter, CaseViewer viewer, int page, int size) {
        var seen = filter.seenBy(viewer);
        var items = repository.list(seen, page, size).stream()
                .map(mapper::toSummary)
                .toList();
        return new CasePage(items, page, size, repository.count(seen));
    }

    /** Who a case is with: its owner and the case workers assigned to it besides. */
    @Transactional(readOnly = true)
    public CaseAssignment assignment(UUID id, CaseViewer viewer) {
        var record = find(id, viewer);
        return new CaseAssignment(record.caseOwner(), repository.assignees(id), record.version());
    }

    /**
     * A supervisor gives a case to an owner and, besides, to other case workers. Usernames are checked for form only:
     * the node has no access to the realm's user list (a name that is no user gives access to nobody).
     */
    @Transactional
    public CaseAssignment assign(
            UUID id, CaseAssignment.Request request, Long ifMatch, CaseViewer viewer, String actor) {
        if (!viewer.supervisor()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a case supervisor assigns cases.");
        }
        var current = find(id, viewer);
        long expected = expectedVersion(current, request.version(), ifMatch);
        String owner = username(request.owner(), "owner");
        Set<String> assignees = new TreeSet<>();
        for (String assignee : request.assignees()) {
            String name = username(assignee, "assignees");
            if (!name.equals(owner)) {
                assignees.add(name);
            }
        }
        Instant now = clock.instant();
        if (!repository.assign(id, owner, List.copyOf(assignees), expected, now, actor)) {
            throw stale(ifMatch != null);
        }
        repository.audit(now, actor, new CaseAuditEntry.Assigned(id));
        return new CaseAssignment(owner, List.copyOf(assignees), expected + 1);
    }

    /** Who changed which fields of a case when: no values. */
    @Transactional(readOnly = true)
    public CaseHistory history(UUID id, CaseViewer viewer) {
        find(id, viewer);
        return new CaseHistory(id, repository.history(id));
    }

    /**
     * Replaces the case's content. {@code ifMatch} (from the If-Match header) wins over the body's version; a
     * mismatch on If-Match is 412, on the body's version 409, and a write naming neither is 428.
     */
    @Transactional
    public CaseResponse update(UUID id, CaseRequest request, Long ifMatch, CaseViewer viewer, String actor) {
        var current = find(id, viewer);
        long expected = expectedVersion(current, request.version(), ifMatch);
        String owner = ownerOnUpdate(request.caseOwner(), current.caseOwner(), viewer);
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
                        personalData.seal(request.personal(), request.externalRef()))
                .withOwner(owner);
        CaseResponse before =
                mapper.toResponse(current, personalData.open(current.personalData(), current.externalRef()));
        if (!repository.update(record, expected)) {
            throw stale(ifMatch != null);
        }
        CaseResponse after = mapper.toResponse(record, request.personal());
        repository.audit(now, actor, new CaseAuditEntry.Updated(id, changedFields(before, after)));
        return after;
    }

    /**
     * The names of the fields whose values differ, compared as the API writes them: top-level fields by name, the
     * personal details as {@code personal.<field>}, and the assistance, follow-ups and referrals as whole lists.
     */
    List<String> changedFields(CaseResponse before, CaseResponse after) {
        JsonNode a = json.valueToTree(before);
        JsonNode b = json.valueToTree(after);
        Set<String> names = new TreeSet<>();
        a.propertyNames().forEach(names::add);
        b.propertyNames().forEach(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (BOOKKEEPING.contains(name)) {
                continue;
            }
            JsonNode x = a.path(name);
            JsonNode y = b.path(name);
            if (name.equals("personal") && (x.isObject() || y.isObject())) {
                Set<String> inner = new TreeSet<>();
                x.propertyNames().forEach(inner::add);
                y.propertyNames().forEach(inner::add);
                for (String field : inner) {
                    if (!equalValues(x.path(field), y.path(field))) {
                        changed.add("personal." + field);
                    }
                }
            } else if (!equalValues(x, y)) {
                changed.add(name);
            }
        }
        return changed;
    }

    /** Null, missing and an empty list are the same "nothing"; numbers are equal by value (0.72 is 0.720). */
    private static boolean equalValues(JsonNode x, JsonNode y) {
        if (nothing(x) && nothing(y)) {
            return true;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        if (x.isArray() && y.isArray()) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equalValues(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (x.isObject() && y.isObject()) {
            Set<String> names = new TreeSet<>();
            x.propertyNames().forEach(names::add);
            y.propertyNames().forEach(names::add);
            return names.stream().allMatch(n -> equalValues(x.path(n), y.path(n)));
        }
        return x.equals(y);
    }

    private static boolean nothing(JsonNode node) {
        return node.isMissingNode() || node.isNull() || (node.isArray() && node.isEmpty());
    }

    /** Closes a case (HTCDS {@code cas_Status = Closed}) with an optional reason. */
    @Transactional
    public CaseResponse close(UUID id, String reason, Long ifMatch, CaseViewer viewer, String actor) {
        var current = find(id, viewer);
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
    public void erase(UUID id, CaseViewer viewer, String actor) {
        if (!repository.isVisible(id, viewer) || !repository.delete(id)) {
            throw notFound();
        }
        repository.audit(clock.instant(), actor, new CaseAuditEntry.Erased(id));
    }

    /** The case if {@code viewer} may see it; otherwise "not found", as for a case that does not exist. */
    private CaseRecord find(UUID id, CaseViewer viewer) {
        if (!repository.isVisible(id, viewer)) {
            throw notFound();
        }
        return repository.findById(id).orElseThrow(CaseService::notFound);
    }

    /** A new case's owner: as asked if a supervisor asks, else the case worker creating it. */
    private static String ownerOnCreate(String asked, CaseViewer viewer) {
        String owner = CaseViewer.normalise(asked);
        if (owner == null) {
            if (viewer.username() == null) {
                throw new ProblemException(
                        ProblemType.FORBIDDEN,
                        "Your sign-in names no user, so the case would be nobody's: ask your administrator.");
            }
            return viewer.username();
        }
        owner = username(owner, "caseOwner");
        if (!viewer.supervisor() && !viewer.isSelf(owner)) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN,
                    "Only a case supervisor gives a case to someone else: leave caseOwner empty.");
        }
        return owner;
    }

    /** A changed case's owner: unchanged when not named; only a supervisor names another one. */
    private static String ownerOnUpdate(String asked, String current, CaseViewer viewer) {
        String owner = CaseViewer.normalise(asked);
        String was = CaseViewer.normalise(current);
        if (owner == null || owner.equals(was)) {
            return current;
        }
        owner = username(owner, "caseOwner");
        if (!viewer.supervisor()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a case supervisor gives a case to someone else.");
        }
        return owner;
    }

    /** A username as the realm holds them, or a validation problem naming the field (never echoing the value). */
    private static String username(String name, String field) {
        String normalised = CaseViewer.normalise(name);
        if (!CaseViewer.isUsername(normalised)) {
            throw new ProblemException(
                    ProblemType.VALIDATION,
                    field + " must be a username: lower-case letters, digits and . _ @ + - (up to 100).");
        }
        return normalised;
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
