package org.tributary.aggregator.federation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tributary.common.disclosure.CellStatus;
import org.tributary.common.disclosure.LinkedAudit;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.disclosure.ReleasedCell;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.federation.CatalogueTable;
import org.tributary.common.federation.CatalogueTables;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.federation.TableCell;
import org.tributary.common.federation.TableMetadata;

/**
 * The laws the aggregator can check on what a node sent, before anything is published from it: the contract's
 * version; a threshold and base within the contract; every value a non-negative integer never in {@code 1..k−1},
 * rounded values multiples of {@code b}, statuses that fit the mode, noisy values with their error; cells shaped
 * like the question (its dimensions, codes of the node's catalogue and of the question's filters, no more cells than
 * its grid, none twice); and, for a catalogue release in suppression-only mode, the interval audit over all its
 * tables together. An answer that breaks one is refused, with the law it broke (never a value).
 */
final class AnswerLaws {

    private AnswerLaws() {}

    /**
     * The first law a released table breaks, if any.
     *
     * @param dimensions the dimensions asked, in order
     * @param codes per dimension, the codes the node's catalogue lists (absent: unchecked)
     * @param filters the question's filters: a coordinate of a filtered dimension must be one of its codes
     */
    static Optional<String> check(
            ReleasedTable table,
            List<String> dimensions,
            Map<String, Set<String>> codes,
            Map<String, List<String>> filters) {
        TableMetadata md = table.metadata();
        if (md == null) {
            return Optional.of("the table carries no metadata");
        }
        if (md.contractVersion() != FederationContract.VERSION) {
            return Optional.of(
                    "contract version " + md.contractVersion() + " instead of " + FederationContract.VERSION);
        }
        if (md.mode() == null) {
            return Optional.of("no release mode");
        }
        if (md.threshold() < 3) {
            return Optional.of("a threshold below 3");
        }
        if (md.mode() == ReleaseMode.ROUNDING && md.roundingBase() < 3) {
            return Optional.of("a rounding base below 3");
        }
        if (md.mode() == ReleaseMode.DIFFERENTIAL_PRIVACY
                && (md.noise() == null || md.noise().sigma() < 1)) {
            return Optional.of("noisy values without their noise");
        }
        if (!md.dimensions().equals(dimensions)) {
            return Optional.of("other dimensions than asked");
        }
        long grid = 1;
        for (String d : dimensions) {
            int n = filters != null && filters.containsKey(d)
                    ? filters.get(d).size()
                    : codes.getOrDefault(d, Set.of()).size();
            grid = n == 0 ? Long.MAX_VALUE : Math.min(Long.MAX_VALUE / (n + 2), grid) * (n + 1);
        }
        if (table.cells().size() > grid) {
            return Optional.of("more cells than the question's grid");
        }
        Set<Map<String, String>> seen = new HashSet<>();
        int k = md.threshold();
        for (TableCell c : table.cells()) {
            if (!c.coordinates().keySet().equals(new HashSet<>(dimensions))) {
                return Optional.of("a cell with other coordinates than the table's dimensions");
            }
            if (!seen.add(c.coordinates())) {
                return Optional.of("a cell listed twice");
            }
            for (var e : c.coordinates().entrySet()) {
                String code = e.getValue();
                if (FederationContract.TOTAL.equals(code)) {
                    continue;
                }
                Set<String> known = codes.get(e.getKey());
                if (known != null && !known.contains(code)) {
                    return Optional.of("a code the node's catalogue does not list");
                }
                if (filters != null
                        && filters.containsKey(e.getKey())
                        && !filters.get(e.getKey()).contains(code)) {
                    return Optional.of("a code outside the question's filter");
                }
            }
            Optional<String> value = value(c, md, k);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(TableCell c, TableMetadata md, int k) {
        if (c.status() == null) {
            return Optional.of("a value without its protection");
        }
        if (c.status() == CellStatus.SUPPRESSED) {
            return c.value() != null || md.mode() == ReleaseMode.DIFFERENTIAL_PRIVACY
                    ? Optional.of("a suppressed cell with a value, or in a noisy table")
                    : Optional.empty();
        }
        Long v = c.value();
        if (v == null || v < 0) {
            return Optional.of("a missing or negative value");
        }
        if (v > 0 && v < k) {
            return Optional.of("a value between 1 and k-1");
        }
        boolean fits = switch (md.mode()) {
            case ROUNDING ->
                c.status() == CellStatus.ROUNDED && v % md.roundingBase() == 0
                        || c.status() == CellStatus.EXACT && v == 0;
            case SUPPRESSION_ONLY -> c.status() == CellStatus.EXACT;
            case DIFFERENTIAL_PRIVACY ->
                c.status() == CellStatus.NOISY
                        && c.standardError() != null
                        && c.standardError().signum() > 0;
        };
        return fits ? Optional.empty() : Optional.of("a value whose protection does not fit the table's mode");
    }

    /** The first law a catalogue release breaks, table by table and, in suppression-only mode, as a whole. */
    static Optional<String> check(CatalogueRelease release, org.tributary.aggregator.nodes.NodeCatalogue catalogue) {
        Map<String, Set<String>> codes = catalogue == null ? Map.of() : catalogue.codes();
        if (release.contractVersion() != FederationContract.VERSION) {
            return Optional.of(
                    "contract version " + release.contractVersion() + " instead of " + FederationContract.VERSION);
        }
        List<LinkedAudit.Table> audited = new ArrayList<>();
        for (CatalogueRelease.Entry e : release.tables()) {
            Optional<CatalogueTable> definition = CatalogueTables.byId(e.tableId());
            if (definition.isEmpty()) {
                return Optional.of("a table the catalogue does not define");
            }
            if (e.table() == null) {
                continue;
            }
            if (catalogue != null
                    && !catalogue.tables().isEmpty()
                    && !catalogue.tables().contains(e.tableId())) {
                // The node's own catalogue says which tables its policy releases: another one is not its answer.
                return Optional.of("table " + e.tableId() + " is not one the node's catalogue offers");
            }
            Optional<String> broken = check(e.table(), definition.get().dimensions(), codes, null);
            if (broken.isPresent()) {
                return Optional.of("table " + e.tableId() + ": " + broken.get());
            }
            if (e.table().metadata().mode() == ReleaseMode.SUPPRESSION_ONLY) {
                audited.add(auditable(definition.get(), e.table(), catalogue));
            }
        }
        if (!audited.isEmpty()) {
            var audit = LinkedAudit.audit(audited, release.threshold());
            if (!audit.pinned().isEmpty() || !audit.inconsistent().isEmpty()) {
                return Optional.of(audit.pinned().size() + " suppressed cells can be derived from the released tables");
            }
        }
        return Optional.empty();
    }

    private static LinkedAudit.Table auditable(
            CatalogueTable definition, ReleasedTable table, org.tributary.aggregator.nodes.NodeCatalogue catalogue) {
        List<String> dims = definition.dimensions();
        List<ReleasedCell> cells = new ArrayList<>();
        for (TableCell c : table.cells()) {
            List<String> at = new ArrayList<>();
            for (String d : dims) {
                String code = c.coordinates().get(d);
                at.add(FederationContract.TOTAL.equals(code) ? null : code);
            }
            cells.add(new ReleasedCell(at, c.value(), c.suppressed()));
        }
        Set<String> multi = new HashSet<>(table.metadata().multiResponseDimensions());
        Map<String, Set<String>> exclusive = new HashMap<>();
        for (String d : multi) {
            var info = catalogue == null ? null : catalogue.dimensions().get(d);
            // Without the node's word on it, nothing is assumed exclusive (the audit is then the weaker one).
            exclusive.put(d, info == null ? Set.of() : info.exclusive());
        }
        return new LinkedAudit.Table(definition.id(), dims, definition.filters(), multi, exclusive, cells);
    }
}
