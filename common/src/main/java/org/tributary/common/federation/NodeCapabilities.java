package org.tributary.common.federation;

import org.tributary.common.disclosure.ReleaseMode;

/**
 * Who a node is and how it releases.
 *
 * @param mode how its catalogue releases are protected
 * @param adHocMode how it answers ad-hoc queries ({@code DIFFERENTIAL_PRIVACY}, or another mode: refused)
 * @param releasePeriod the current release period (a new one starts each calendar period, and whenever a policy or
 *     secret change would re-release published cells under another draw)
 * @param publicKey the node's Ed25519 signing key (base64 SubjectPublicKeyInfo): its receipts and checkpoints verify
 *     under it
 */
public record NodeCapabilities(
        int contractVersion,
        String nodeId,
        String country,
        String name,
        String schemaVersion,
        long policyVersion,
        ReleaseMode mode,
        ReleaseMode adHocMode,
        boolean releasesEnabled,
        String releasePeriod,
        String publicKey) {}
