package org.tributary.aggregator.indicators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.aggregator.regional.Unit;
import org.tributary.aggregator.web.DatasetResponses;
import org.tributary.common.federation.FederationContract;

/**
 * SDG indicator 16.2.2 ("number of victims of human trafficking per 100,000 population, by sex, age and form of
 * exploitation") as UNODC collects its count series {@code VC_HTF_DETV} (detected victims of human trafficking):
 * one observation per country (REF_AREA in M49), year, and sex or age group, read from the catalogue's
 * identified-victims-by-sex and -by-age indicators — the nodes' released values, as protected as ever. The region is
 * not an SDG area, so its rows are left out; the per-100,000 rate needs population figures Tributary does not hold.
 */
@RestController
@RequestMapping("/api/regional/sdg")
class SdgController {

    /** The SDG series of detected victims of human trafficking (number). */
    static final String SERIES = "VC_HTF_DETV";

    static final String TITLE = "Detected victims of human trafficking, by sex and age (SDG 16.2.2)";

    private final Indicators indicators;
    private final DatasetResponses responses;

    SdgController(Indicators indicators, DatasetResponses responses) {
        this.indicators = indicators;
        this.responses = responses;
    }

    /** The series in SDMX-JSON by default (or {@code format} / Accept: sdmx-csv, json, csv, xlsx). */
    @GetMapping("/16.2.2")
    ResponseEntity<?> detectedVictims(
            @RequestParam(required = false) Integer yearFrom,
            @RequestParam(required = false) Integer yearTo,
            @RequestParam(required = false) String format,
            @RequestHeader(value = "Accept", required = false) List<String> accept) {
        var exportFormat = responses.negotiate(format == null && accept == null ? "sdmx" : format, accept);
        Dataset bySex = indicators.compute("identified-victims-by-sex", yearFrom, yearTo, List.of(Indicators.YEAR));
        Dataset byAge = indicators.compute("identified-victims-by-age", yearFrom, yearTo, List.of(Indicators.YEAR));
        return responses.render(List.of(series(bySex, byAge)), exportFormat, "sdg-16.2.2-" + SERIES);
    }

    /**
     * The two breakdowns as one series: by sex (age {@code _T}) and by age band (sex {@code _T}), the totals once
     * (from the by-sex table), countries only.
     */
    static Dataset series(Dataset bySex, Dataset byAge) {
        String region = bySex.provenance() == null ? null : bySex.provenance().regionCode();
        List<Observation> observations = new ArrayList<>();
        for (Observation o : bySex.observations()) {
            if (!o.area().equals(region) && yearly(o)) {
                observations.add(at(o, o.coordinates().get("gender"), FederationContract.TOTAL));
            }
        }
        for (Observation o : byAge.observations()) {
            String band = o.coordinates().get("ageBand");
            if (!o.area().equals(region) && yearly(o) && !FederationContract.TOTAL.equals(band)) {
                observations.add(at(o, FederationContract.TOTAL, band));
            }
        }
        Provenance provenance = bySex.provenance() == null || byAge.provenance() == null
                ? bySex.provenance()
                : Provenance.merge(List.of(bySex.provenance(), byAge.provenance()));
        return new Dataset(
                SERIES,
                TITLE,
                Unit.PERSONS,
                List.of("gender", "ageBand", Indicators.YEAR),
                bySex.yearFrom(),
                bySex.yearTo(),
                observations,
                provenance);
    }

    /** SDG data is yearly: no all-years total. */
    private static boolean yearly(Observation o) {
        String year = o.coordinates().get(Indicators.YEAR);
        return year != null && year.matches("\\d{4}");
    }

    private static Observation at(Observation o, String gender, String ageBand) {
        Map<String, String> at = new LinkedHashMap<>();
        at.put("gender", gender);
        at.put("ageBand", ageBand);
        at.put(Indicators.YEAR, o.coordinates().get(Indicators.YEAR));
        return new Observation(
                o.area(),
                at,
                o.value(),
                o.lower(),
                o.upper(),
                o.numerator(),
                o.denominator(),
                o.status(),
                o.note(),
                o.standardError());
    }
}
