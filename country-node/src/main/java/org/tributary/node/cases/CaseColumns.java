package org.tributary.node.cases;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The case table's columns, in the one order every write and read uses: the record's identity and history, then
 * its content (what an import or an edit replaces). {@link CaseRepository#values} gives a record's values in this
 * order; the bulk writer streams {@link #CONTENT} in it.
 */
final class CaseColumns {

    /** Identity and history: set on creation, or by the write itself. */
    static final List<String> HEAD = List.of(
            "id", "external_ref", "record_key", "version", "created_at", "created_by", "updated_at", "updated_by");

    /** What the case says: replaced by an edit or a re-import. */
    static final List<String> CONTENT = List.of(
            "registered_on",
            "trafficking_status",
            "status_decided_by",
            "identification_stage",
            "identifying_org_type",
            "gender",
            "birth_year",
            "age_at_identification",
            "citizenship",
            "country_of_exploitation",
            "exploitation_types",
            "labour_industry",
            "sex_exploitation_types",
            "means_of_control",
            "recruitment_methods",
            "relationship_to_trafficker",
            "age_when_trafficked",
            "informed_of_entitlements",
            "informed_on",
            "returned_on",
            "returned_to",
            "case_status",
            "closure_reason",
            "consent_to_aggregate_use",
            "case_owner",
            "personal_data");

    static final List<String> ALL =
            Stream.concat(HEAD.stream(), CONTENT.stream()).toList();

    /** {@link #ALL} for a column list. */
    static final String ALL_LIST = String.join(", ", ALL);

    /** {@link #CONTENT} for a column list. */
    static final String CONTENT_LIST = String.join(", ", CONTENT);

    /** {@code ?, ?, ...} for every column. */
    static final String ALL_PLACEHOLDERS = ALL.stream().map(c -> "?").collect(Collectors.joining(", "));

    /** {@code registered_on = ?, ...} for every content column. */
    static final String CONTENT_ASSIGNMENTS =
            CONTENT.stream().map(c -> c + " = ?").collect(Collectors.joining(", "));

    private CaseColumns() {}
}
