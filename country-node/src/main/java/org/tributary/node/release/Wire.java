package org.tributary.node.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tributary.common.disclosure.PrivacyLoss;
import org.tributary.common.disclosure.Release;
import org.tributary.common.disclosure.ReleaseMetadata;
import org.tributary.common.disclosure.ReleasedCell;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.NoiseInfo;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.federation.TableCell;
import org.tributary.common.federation.TableMetadata;

/** The engine's protected tables as the federation contract's messages. */
final class Wire {

    /** δ at which the ε of a differentially private table is stated. */
    static final double DELTA = 1e-6;

    private Wire() {}

    static ReleasedTable table(Release.Table table, String releasePeriod) {
        ReleaseMetadata md = table.metadata();
        NoiseInfo noise = null;
        if (md.noise() != null) {
            var n = md.noise();
            noise = new NoiseInfo(
                    "discrete-gaussian",
                    n.sigma(),
                    PrivacyLoss.rho(n.nanoRho()),
                    PrivacyLoss.epsilon(n.nanoRho(), DELTA),
                    DELTA,
                    n.multiResponseBound(),
                    "Every cell of the grid, zeros included, is its count plus discrete Gaussian noise of scale "
                            + n.sigma() + "; margins are sums of the noisy cells before negative values were shown as"
                            + " 0, so a margin may differ from the sum of the cells shown. A person counts in at most "
                            + n.multiResponseBound() + " codes of a multi-response dimension.");
        }
        var metadata = new TableMetadata(
                FederationContract.VERSION,
                md.nodeId(),
                md.policyVersion(),
                releasePeriod,
                md.mode(),
                md.threshold(),
                md.roundingBase(),
                md.releasedAt(),
                md.dimensions(),
                md.multiResponseDimensions(),
                md.noise() == null && !md.zerosSuppressed(),
                noise);
        List<TableCell> cells = new ArrayList<>(table.cells().size());
        for (ReleasedCell c : table.cells()) {
            cells.add(new TableCell(
                    coordinates(md.dimensions(), c.coordinates()), c.value(), c.status(), c.standardError()));
        }
        return new ReleasedTable(metadata, cells, null);
    }

    static Map<String, String> coordinates(List<String> dimensions, List<String> codes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            String code = codes.get(i);
            out.put(dimensions.get(i), code == null ? FederationContract.TOTAL : code);
        }
        return out;
    }
}
