package org.tributary.node.cases;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * Personal identifiers that an agency may keep (HTCDS {@code prs_*}). Encrypted at rest, returned only by the
 * single-case read, never in lists, logs, errors or any aggregate.
 */
public record PersonalDetails(
        @Size(max = 40) String salutation,
        @Size(max = 200) String firstName,
        @Size(max = 200) String secondName,
        @Size(max = 100) String title,
        @Past LocalDate birthDate,
        @Email @Size(max = 254) String email,
        @Size(max = 40) String homePhone,
        @Size(max = 40) String mobilePhone,
        @Size(max = 300) String mailingStreet,
        @Size(max = 200) String mailingCity,
        @Size(max = 200) String mailingState,
        @Size(max = 40) String mailingPostalCode,
        @Size(max = 200) String mailingCountry,
        @Size(max = 100) String idNumber) {

    /** True when no identifier is present, so nothing needs to be stored. */
    public boolean containsNothing() {
        return salutation == null
                && firstName == null
                && secondName == null
                && title == null
                && birthDate == null
                && email == null
                && homePhone == null
                && mobilePhone == null
                && mailingStreet == null
                && mailingCity == null
                && mailingState == null
                && mailingPostalCode == null
                && mailingCountry == null
                && idNumber == null;
    }

    @Override
    public String toString() {
        return "PersonalDetails[<redacted>]";
    }
}
