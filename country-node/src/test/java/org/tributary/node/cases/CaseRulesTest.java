package org.tributary.node.cases;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.Test;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.AssistanceStatus;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.ExploitationType;
import org.tributary.common.codes.ReferralDirection;
import org.tributary.common.codes.ServiceType;
import org.tributary.common.codes.TraffickingStatus;

/** The hand-written import rules say exactly what Bean Validation says about the same request. */
class CaseRulesTest {

    static final Validator validator = Validation.byProvider(HibernateValidator.class)
            .configure()
            .defaultLocale(Locale.ENGLISH)
            .buildValidatorFactory()
            .getValidator();
    static final CaseRules rules = new CaseRules(validator, Clock.systemDefaultZone());

    /** A property over random requests, from seeds fixed in the test so that a failure names its seed. */
    @Test
    void theImportRulesAndBeanValidationFindTheSameViolations() {
        var seeds = new Random(20_261_128L);
        for (int i = 0; i < 3000; i++) {
            long seed = seeds.nextLong();
            CaseRequest request = randomRequest(new Random(seed));
            Set<String> expected = validator.validate(request).stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                    .collect(Collectors.toSet());
            Set<String> actual = rules.check(request).stream()
                    .map(v -> v.path() + ": " + v.message())
                    .collect(Collectors.toSet());
            assertThat(actual).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void aValidRequestBreaksNoRule() {
        var request = CaseMapperTest.request();
        assertThat(validator.validate(request)).isEmpty();
        assertThat(rules.check(request)).isEmpty();
    }

    @SafeVarargs
    static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    static CaseRequest randomRequest(Random r) {
        LocalDate past = LocalDate.of(2020, 1, 1);
        LocalDate future = LocalDate.now().plusDays(10);
        String long2001 = "x".repeat(2001);
        var personal = pick(
                r,
                null,
                new PersonalDetails(
                        null, "Srey", null, null, past, null, null, null, null, null, null, null, null, null),
                new PersonalDetails(
                        null,
                        "y".repeat(201),
                        null,
                        null,
                        future,
                        "not an email",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        List<AssistanceDto> assistance = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            assistance.add(pick(
                    r,
                    new AssistanceDto(
                            ServiceType.Shelter,
                            AssistanceStage.Destination,
                            AssistanceStatus.Received,
                            null,
                            past,
                            past.plusDays(3)),
                    new AssistanceDto(null, null, null, null, future, past),
                    new AssistanceDto(
                            ServiceType.Grant,
                            AssistanceStage.Origin,
                            AssistanceStatus.Received,
                            null,
                            past,
                            LocalDate.of(9999, 1, 1)),
                    null));
        }
        if (r.nextInt(20) == 0) {
            assistance = new ArrayList<>(java.util.Collections.nCopies(
                    201,
                    new AssistanceDto(
                            ServiceType.Grant, AssistanceStage.Origin, AssistanceStatus.Completed, null, null, null)));
        }
        List<FollowUpDto> followUps = new ArrayList<>();
        for (int i = 0, n = r.nextInt(3); i < n; i++) {
            followUps.add(pick(
                    r,
                    new FollowUpDto(past, "ok", BigDecimal.ONE, BigDecimal.ZERO, null, new BigDecimal("0.5")),
                    new FollowUpDto(null, long2001, new BigDecimal("1.5"), new BigDecimal("-0.1"), null, null),
                    new FollowUpDto(future, null, null, null, null, null),
                    null));
        }
        List<ReferralDto> referrals = new ArrayList<>();
        for (int i = 0, n = r.nextInt(3); i < n; i++) {
            referrals.add(pick(
                    r,
                    new ReferralDto(ReferralDirection.Outgoing, past, "NGO", null, null, true),
                    new ReferralDto(null, future, "o".repeat(201), null, long2001, false),
                    null));
        }
        return new CaseRequest(
                pick(r, "KH-1", "", " ", "bad ref!", "k".repeat(65), null, "OK/2024#1"),
                pick(r, null, past, future, LocalDate.of(1850, 1, 1), LocalDate.of(20000, 1, 1)),
                pick(r, null, TraffickingStatus.ActualVictimOfTrafficking),
                null,
                null,
                null,
                null,
                pick(r, null, 1850, 2000, 3000),
                pick(r, null, -1, 10, 131),
                pick(
                        r,
                        List.of(),
                        List.of("KH"),
                        List.of("XX", "TH"),
                        Arrays.asList("KH", null),
                        List.of("KH", "TH", "LA", "MM", "VN", "CN")),
                pick(r, null, "TH", "th", "XX"),
                pick(r, List.of(), List.of(ExploitationType.ForcedLabour), Arrays.asList((ExploitationType) null)),
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                pick(r, null, 12, -3, 200),
                null,
                pick(r, null, past, future),
                pick(r, null, past, future),
                pick(r, null, "KH", "ZZ"),
                pick(r, null, CaseStatus.Active),
                pick(r, null, "done", long2001, "bad\u0000text"),
                null,
                pick(r, null, "worker", "w".repeat(201)),
                personal,
                assistance,
                followUps,
                referrals,
                null);
    }
}
