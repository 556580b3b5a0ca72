package org.tributary.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtcdsColumnsTest {

    @Test
    void theTemplatesTypoAndAnyLetterCaseNameTheSameField() {
        assertThat(HtcdsColumns.byName("vic_TraffickinStatusDecisionMakingOrg"))
                .contains(HtcdsColumns.STATUS_DECIDED_BY);
        assertThat(HtcdsColumns.byName("VIC_TRAFFICKINGSTATUS")).contains(HtcdsColumns.TRAFFICKING_STATUS);
        assertThat(HtcdsColumns.byName(" prs_Gender ")).contains(HtcdsColumns.GENDER);
        assertThat(HtcdsColumns.byName("favourite colour")).isEmpty();
    }

    @Test
    void visibleLabelsMapTheMailingAddressAsPeopleTypeItAndTheUnnamedReferralReason() {
        assertThat(HtcdsColumns.byLabel("Mailing Street")).contains(HtcdsColumns.MAILING_STREET);
        assertThat(HtcdsColumns.byLabel("Mailing Zip/Postal Code")).contains(HtcdsColumns.MAILING_POSTAL_CODE);
        assertThat(HtcdsColumns.byLabel("Reason for Outgoing Referral")).contains(HtcdsColumns.OUT_REASON);
    }

    @Test
    void personalFieldsAreKnownSoThatTheirValuesAreNeverEchoed() {
        assertThat(HtcdsColumns.isPersonal(HtcdsColumns.FIRST_NAME)).isTrue();
        assertThat(HtcdsColumns.isPersonal(HtcdsColumns.BIRTHDATE)).isTrue();
        assertThat(HtcdsColumns.isPersonal(HtcdsColumns.ID_NUMBER)).isTrue();
        assertThat(HtcdsColumns.isPersonal(HtcdsColumns.GENDER)).isFalse();
        assertThat(HtcdsColumns.isPersonal(HtcdsColumns.CITIZENSHIP)).isFalse();
    }
}
