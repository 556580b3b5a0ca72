package org.tributary.node.cases;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.tributary.common.codes.Countries;
import org.tributary.node.web.Quotable;

/**
 * The Bean Validation rules of {@link CaseRequest}, written out by hand for the import path, where they run once
 * per row and the generic validator cost more than parsing and writing the row together. The case API keeps
 * using Bean Validation; {@code CaseRulesTest} checks on random requests that both give the same violations
 * (same paths, same messages). Personal details, rare and small, still go through the validator.
 */
@Component
public class CaseRules {

    /** One broken rule: the property path as Bean Validation writes it, and its message. */
    public record Violation(String path, String message, Object invalidValue) {}

    private static final Pattern EXTERNAL_REF = Pattern.compile("[\\p{L}\\p{N}._:/#-]+");
    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal ONE = BigDecimal.ONE;

    private final Validator validator;
    private final Clock clock;

    public CaseRules(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    /** Whether an error report may quote the value at {@code path} (see {@link Quotable#echoable}). */
    public static boolean echoable(String path) {
        return Quotable.echoable(path);
    }

    public List<Violation> check(CaseRequest r) {
        var out = new Out();
        LocalDate today = LocalDate.now(clock);
        String ref = r.externalRef();
        if (ref == null || ref.isBlank()) {
            out.add("externalRef", "must not be blank", ref);
        }
        if (ref != null && ref.length() > 64) {
            out.add("externalRef", "size must be between 0 and 64", ref);
        }
        if (ref != null && !EXTERNAL_REF.matcher(ref).matches()) {
            out.add("externalRef", "may hold letters, digits and . _ : / # - only", ref);
        }
        pastOrPresent(out, "registeredOn", r.registeredOn(), today);
        notNull(out, "traffickingStatus", r.traffickingStatus());
        if (r.birthYear() != null && r.birthYear() < 1900) {
            out.add("birthYear", "must be greater than or equal to 1900", r.birthYear());
        }
        if (r.birthYear() != null && r.birthYear() > Year.now(clock).getValue()) {
            out.add("birthYearNotInFuture", "must not be in the future", false);
        }
        age(out, "ageAtIdentification", r.ageAtIdentification());
        size(out, "citizenship", r.citizenship(), 5);
        for (int i = 0; i < r.citizenship().size(); i++) {
            String c = r.citizenship().get(i);
            if (c == null) {
                out.add("citizenship[" + i + "].<list element>", "must not be null", null);
            } else if (!Countries.isAlpha2(c)) {
                out.add("citizenship[" + i + "].<list element>", CountryCode.MESSAGE, c);
            }
        }
        country(out, "countryOfExploitation", r.countryOfExploitation());
        noNullElements(out, "exploitationTypes", r.exploitationTypes());
        noNullElements(out, "sexExploitationTypes", r.sexExploitationTypes());
        noNullElements(out, "meansOfControl", r.meansOfControl());
        noNullElements(out, "recruitmentMethods", r.recruitmentMethods());
        age(out, "ageWhenTrafficked", r.ageWhenTrafficked());
        pastOrPresent(out, "informedOn", r.informedOn(), today);
        pastOrPresent(out, "returnedOn", r.returnedOn(), today);
        country(out, "returnedTo", r.returnedTo());
        notNull(out, "caseStatus", r.caseStatus());
        length(out, "closureReason", r.closureReason(), 2000);
        length(out, "caseOwner", r.caseOwner(), 200);
        if (r.personal() != null) {
            for (ConstraintViolation<PersonalDetails> v : validator.validate(r.personal())) {
                out.add("personal." + v.getPropertyPath(), v.getMessage(), v.getInvalidValue());
            }
        }
        size(out, "assistance", r.assistance(), 200);
        for (int i = 0; i < r.assistance().size(); i++) {
            AssistanceDto a = r.assistance().get(i);
            String at = "assistance[" + i + "]";
            if (a == null) {
                out.add(at + ".<list element>", "must not be null", null);
                continue;
            }
            notNull(out, at + ".serviceType", a.serviceType());
            notNull(out, at + ".stage", a.stage());
            notNull(out, at + ".status", a.status());
            pastOrPresent(out, at + ".startDate", a.startDate(), today);
            if (!a.isEndDateAfterStart()) {
                out.add(at + ".endDateAfterStart", "must not be before startDate", false);
            }
        }
        size(out, "followUps", r.followUps(), 100);
        for (int i = 0; i < r.followUps().size(); i++) {
            FollowUpDto f = r.followUps().get(i);
            String at = "followUps[" + i + "]";
            if (f == null) {
                out.add(at + ".<list element>", "must not be null", null);
                continue;
            }
            notNull(out, at + ".date", f.date());
            pastOrPresent(out, at + ".date", f.date(), today);
            length(out, at + ".outcome", f.outcome(), 2000);
            score(out, at + ".rssEconomic", f.rssEconomic());
            score(out, at + ".rssSocial", f.rssSocial());
            score(out, at + ".rssPsychosocial", f.rssPsychosocial());
            score(out, at + ".rssComposite", f.rssComposite());
        }
        size(out, "referrals", r.referrals(), 100);
        for (int i = 0; i < r.referrals().size(); i++) {
            ReferralDto f = r.referrals().get(i);
            String at = "referrals[" + i + "]";
            if (f == null) {
                out.add(at + ".<list element>", "must not be null", null);
                continue;
            }
            notNull(out, at + ".direction", f.direction());
            pastOrPresent(out, at + ".date", f.date(), today);
            length(out, at + ".organisation", f.organisation(), 200);
            length(out, at + ".details", f.details(), 2000);
        }
        if (!r.isDatesInRange()) {
            out.add("datesInRange", CaseRequest.DATE_RANGE_MESSAGE, false);
        }
        if (!r.isFreeOfControlCharacters()) {
            out.add("freeOfControlCharacters", CaseRequest.CONTROL_CHARACTERS_MESSAGE, false);
        }
        return out.list == null ? List.of() : out.list;
    }

    private static final class Out {
        private List<Violation> list;

        void add(String path, String message, Object value) {
            if (list == null) {
                list = new ArrayList<>(4);
            }
            list.add(new Violation(path, message, value));
        }
    }

    private static void notNull(Out out, String path, Object value) {
        if (value == null) {
            out.add(path, "must not be null", null);
        }
    }

    private static void pastOrPresent(Out out, String path, LocalDate date, LocalDate today) {
        if (date != null && date.isAfter(today)) {
            out.add(path, "must be a date in the past or in the present", date);
        }
    }

    private static void age(Out out, String path, Integer age) {
        if (age != null && age < 0) {
            out.add(path, "must be greater than or equal to 0", age);
        }
        if (age != null && age > 130) {
            out.add(path, "must be less than or equal to 130", age);
        }
    }

    private static void size(Out out, String path, List<?> list, int max) {
        if (list.size() > max) {
            out.add(path, "size must be between 0 and " + max, list);
        }
    }

    private static void length(Out out, String path, String text, int max) {
        if (text != null && text.length() > max) {
            out.add(path, "size must be between 0 and " + max, text);
        }
    }

    private static void country(Out out, String path, String code) {
        if (code != null && !Countries.isAlpha2(code)) {
            out.add(path, CountryCode.MESSAGE, code);
        }
    }

    private static void noNullElements(Out out, String path, List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                out.add(path + "[" + i + "].<list element>", "must not be null", null);
            }
        }
    }

    private static void score(Out out, String path, BigDecimal score) {
        if (score != null && score.compareTo(ZERO) < 0) {
            out.add(path, "must be greater than or equal to 0", score);
        }
        if (score != null && score.compareTo(ONE) > 0) {
            out.add(path, "must be less than or equal to 1", score);
        }
    }
}
