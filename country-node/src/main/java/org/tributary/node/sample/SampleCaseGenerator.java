package org.tributary.node.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.AssistanceStatus;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.ExploitationType;
import org.tributary.common.codes.Gender;
import org.tributary.common.codes.IdentificationStage;
import org.tributary.common.codes.LabourIndustry;
import org.tributary.common.codes.MeansOfControl;
import org.tributary.common.codes.OrgType;
import org.tributary.common.codes.RecruitmentMethod;
import org.tributary.common.codes.ReferralDirection;
import org.tributary.common.codes.ReferralReason;
import org.tributary.common.codes.RelationshipToTrafficker;
import org.tributary.common.codes.ServiceType;
import org.tributary.common.codes.SexExploitationType;
import org.tributary.common.codes.StatusDecisionOrg;
import org.tributary.common.codes.TraffickingStatus;
import org.tributary.node.cases.AssistanceDto;
import org.tributary.node.cases.CaseRequest;
import org.tributary.node.cases.FollowUpDto;
import org.tributary.node.cases.PersonalDetails;
import org.tributary.node.cases.ReferralDto;

/**
 * Synthetic, deterministic case records for one reporting country: the same seed gives the same cases. The mix
 * follows Greater Mekong corridors (KH→TH, MM→TH, LA→TH, VN→CN, KH→MY, ...) and the 2013 GMS reintegration
 * study: about half of the victims get no assistance at destination, and of the returnees about a fifth get none
 * of counselling, vocational training, a grant or legal education at home. Names are invented.
 */
public final class SampleCaseGenerator {

    /** Origin → destination corridors with a relative weight. */
    private record Corridor(String origin, String destination, int weight) {}

    private static final List<Corridor> CORRIDORS = List.of(
            new Corridor("KH", "TH", 30),
            new Corridor("MM", "TH", 30),
            new Corridor("LA", "TH", 25),
            new Corridor("VN", "CN", 25),
            new Corridor("KH", "MY", 10),
            new Corridor("MM", "CN", 12),
            new Corridor("LA", "CN", 8),
            new Corridor("VN", "KH", 6),
            new Corridor("TH", "MY", 4),
            new Corridor("CN", "TH", 2),
            new Corridor("VN", "MY", 5),
            new Corridor("MM", "MY", 6));

    private static final String[] GIVEN = {"Sample", "Demo", "Test", "Example", "Synthetic"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2018, 1, 1);
    private static final int DAYS = 8 * 365;
    /** No generated date is later than this, so that samples stay valid whatever day they are generated. */
    private static final LocalDate LATEST = LocalDate.of(2026, 1, 1);

    private final String country;
    private final long seed;

    public SampleCaseGenerator(String country, long seed) {
        this.country = country;
        this.seed = seed;
    }

    /** Case number {@code i} (0-based) of this country and seed; independent of any other case. */
    public CaseRequest generate(long i) {
        var r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        Corridor corridor = corridor(r);
        boolean origin = corridor.origin().equals(country);
        LocalDate registered = FIRST_DAY.plusDays(r.nextInt(DAYS));

        Gender gender = pick(
                r,
                new Gender[] {Gender.Feminine, Gender.Masculine, Gender.NonSpecifiedUnknown, Gender.TransgenderFeminine
                },
                new int[] {60, 36, 3, 1});
        int age = r.nextInt(100) < 25 ? 9 + r.nextInt(9) : 18 + (int) Math.min(45, Math.abs(r.nextGaussian() * 10));
        if (r.nextInt(100) < 2) {
            age = 5 + r.nextInt(4);
        }

        List<ExploitationType> exploitation = new ArrayList<>(2);
        ExploitationType main = corridor.destination().equals("CN") && gender == Gender.Feminine && r.nextInt(100) < 45
                ? ExploitationType.ForcedMarriage
                : pick(
                        r,
                        new ExploitationType[] {
                            ExploitationType.ForcedLabour,
                            ExploitationType.SexualExploitation,
                            ExploitationType.ForcedBegging,
                            ExploitationType.Servitude,
                            ExploitationType.ChildLabour,
                            ExploitationType.Other
                        },
                        new int[] {50, 32, 5, 6, age < 18 ? 6 : 0, 1});
        exploitation.add(main);
        if (r.nextInt(100) < 12) {
            ExploitationType second = main == ExploitationType.SexualExploitation
                    ? ExploitationType.ForcedLabour
                    : ExploitationType.SexualExploitation;
            exploitation.add(second);
        }
        LabourIndustry industry = exploitation.contains(ExploitationType.ForcedLabour)
                ? pick(
                        r,
                        new LabourIndustry[] {
                            LabourIndustry.A_AgricultureForestryAndFishing,
                            LabourIndustry.F_Construction,
                            LabourIndustry.C_Manufacturing,
                            LabourIndustry.T_ActivitiesOfHouseholdsAsEmployers,
                            LabourIndustry.I_AccommodationAndFoodServiceActivities
                        },
                        new int[] {35, 20, 20, 15, 10})
                : null;
        List<SexExploitationType> sex = exploitation.contains(ExploitationType.SexualExploitation)
                ? List.of(pick(r, SexExploitationType.values(), new int[] {70, 10, 8, 12}))
                : List.of();

        IdentificationStage stage = !origin
                ? IdentificationStage.Destination
                : pick(r, IdentificationStage.values(), new int[] {40, 10, 50});
        boolean identifiedAbroad = stage != IdentificationStage.OriginAfterReturn;

        List<AssistanceDto> assistance = new ArrayList<>();
        LocalDate day = registered;
        // At destination: about half get nothing (the study's finding); some decline what is offered.
        if (identifiedAbroad && r.nextInt(100) >= 50) {
            int services = 1 + r.nextInt(3);
            for (ServiceType s : some(
                    r,
                    new ServiceType[] {
                        ServiceType.Shelter,
                        ServiceType.Health,
                        ServiceType.Legal,
                        ServiceType.Psychosocial,
                        ServiceType.Documentation
                    },
                    services)) {
                day = cap(day.plusDays(r.nextInt(20)));
                assistance.add(new AssistanceDto(
                        s,
                        AssistanceStage.Destination,
                        AssistanceStatus.Received,
                        pick(
                                r,
                                new OrgType[] {
                                    OrgType.NGO, OrgType.LocalGovernmentOrganisation, OrgType.HealthServiceOrganisation
                                },
                                new int[] {60, 25, 15}),
                        day,
                        day.plusDays(r.nextInt(60))));
            }
        } else if (identifiedAbroad && r.nextInt(100) < 20) {
            assistance.add(new AssistanceDto(
                    ServiceType.Shelter,
                    AssistanceStage.Destination,
                    r.nextBoolean() ? AssistanceStatus.Declined : AssistanceStatus.NotAvailable,
                    OrgType.NGO,
                    day,
                    null));
        }

        LocalDate returnedOn = null;
        String returnedTo = null;
        if (origin) {
            returnedTo = country;
            returnedOn = stage == IdentificationStage.OriginAfterReturn
                    ? registered.minusDays(r.nextInt(200))
                    : cap(registered.plusDays(14 + r.nextInt(120)));
            if (identifiedAbroad) {
                assistance.add(new AssistanceDto(
                        ServiceType.Repatriation,
                        AssistanceStage.Transit,
                        AssistanceStatus.Completed,
                        OrgType.CentralGovernmentOrganisation,
                        returnedOn,
                        returnedOn));
            }
            // At home: about a fifth of returnees get none of the four core reintegration services.
            if (r.nextInt(100) >= 20) {
                LocalDate start =
                        cap((returnedOn.isAfter(registered) ? returnedOn : registered).plusDays(r.nextInt(120)));
                for (ServiceType s : some(
                        r,
                        ServiceType.CORE_REINTEGRATION.stream().sorted().toArray(ServiceType[]::new),
                        1 + r.nextInt(3))) {
                    assistance.add(new AssistanceDto(
                            s,
                            AssistanceStage.Origin,
                            r.nextInt(100) < 70 ? AssistanceStatus.Completed : AssistanceStatus.Received,
                            OrgType.NGO,
                            start,
                            null));
                }
            }
        }

        List<FollowUpDto> followUps = new ArrayList<>();
        if (origin && r.nextInt(100) < 45) {
            LocalDate base = returnedOn.isAfter(registered) ? returnedOn : registered;
            followUps.add(new FollowUpDto(
                    cap(base.plusDays(60 + r.nextInt(400))), "contacted", score(r), score(r), score(r), score(r)));
        }
        List<ReferralDto> referrals = new ArrayList<>();
        if (r.nextInt(100) < 20) {
            referrals.add(new ReferralDto(
                    origin ? ReferralDirection.Incoming : ReferralDirection.Outgoing,
                    cap(registered.plusDays(r.nextInt(30))),
                    "Partner agency",
                    ReferralReason.AdditionalServicesRequired,
                    null,
                    true));
        }

        int birthYear = registered.getYear() - age;
        return new CaseRequest(
                "%s-%d-%07d".formatted(country, registered.getYear(), i),
                registered,
                pick(r, TraffickingStatus.values(), new int[] {35, 60, 5}),
                pick(r, StatusDecisionOrg.values(), new int[] {45, 30, 10, 10, 5}),
                stage,
                pick(
                        r,
                        new OrgType[] {
                            OrgType.LawEnforcement,
                            OrgType.NGO,
                            OrgType.ImmigrationService,
                            OrgType.LocalGovernmentOrganisation
                        },
                        new int[] {40, 30, 20, 10}),
                gender,
                birthYear,
                age,
                List.of(corridor.origin()),
                corridor.destination(),
                exploitation,
                industry,
                sex,
                some(r, MeansOfControl.values(), 1 + r.nextInt(3)),
                some(r, RecruitmentMethod.values(), 1 + r.nextInt(2)),
                pick(r, RelationshipToTrafficker.values(), new int[] {15, 50, 35}),
                Math.max(0, age - r.nextInt(2)),
                r.nextInt(100) < 55,
                null,
                returnedOn,
                returnedTo,
                pick(r, CaseStatus.values(), new int[] {30, 25, 40, 5}),
                null,
                r.nextInt(100) < 90,
                owner(i),
                new PersonalDetails(
                        null,
                        GIVEN[r.nextInt(GIVEN.length)],
                        "Person-" + i,
                        null,
                        LocalDate.of(birthYear, 1 + r.nextInt(12), 1 + r.nextInt(28)),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                assistance,
                followUps,
                referrals,
                null);
    }

    private Corridor corridor(SplittableRandom r) {
        // A node records its own citizens (returnees) and foreigners identified on its territory.
        List<Corridor> mine = CORRIDORS.stream()
                .filter(c -> c.origin().equals(country) || c.destination().equals(country))
                .toList();
        if (mine.isEmpty()) {
            mine = List.of(new Corridor(country, "TH", 1));
        }
        int total = mine.stream().mapToInt(Corridor::weight).sum();
        int x = r.nextInt(total);
        for (Corridor c : mine) {
            x -= c.weight();
            if (x < 0) {
                return c;
            }
        }
        throw new AssertionError();
    }

    private static LocalDate cap(LocalDate date) {
        return date.isAfter(LATEST) ? LATEST : date;
    }

    private static BigDecimal score(SplittableRandom r) {
        return BigDecimal.valueOf(0.3 + r.nextDouble() * 0.7).setScale(3, RoundingMode.HALF_UP);
    }

    private static <T> T pick(SplittableRandom r, T[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int k = 0; k < values.length; k++) {
            x -= weights[k];
            if (x < 0) {
                return values[k];
            }
        }
        return values[values.length - 1];
    }

    @SuppressWarnings("unchecked")
    private static <T extends Enum<T>> List<T> some(SplittableRandom r, T[] values, int n) {
        var chosen = EnumSet.noneOf((Class<T>) values[0].getDeclaringClass());
        while (chosen.size() < Math.min(n, values.length)) {
            chosen.add(values[r.nextInt(values.length)]);
        }
        return List.copyOf(chosen);
    }

    /**
     * The sample case's owner (a username, as need-to-know reads it): three in four belong to the demo realm's case
     * worker of the country ({@code kh-caseworker}), the rest to a colleague with no demo account, so that the demo
     * shows a case worker's partial view beside a supervisor's whole one. By the case's number: no random draw, so
     * the generated cases are otherwise those of earlier versions.
     */
    private String owner(long i) {
        String prefix = country.toLowerCase(java.util.Locale.ROOT);
        return i % 4 == 3 ? prefix + "-fieldworker" : prefix + "-caseworker";
    }
}
