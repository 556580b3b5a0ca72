package org.tributary.aggregator.indicators;

import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.aggregator.web.DatasetResponses;

/** The regional indicator catalogue, and each indicator computed live over the nodes. */
@RestController
@RequestMapping("/api/regional/indicators")
class IndicatorController {

    private final Indicators indicators;
    private final DatasetResponses responses;

    IndicatorController(Indicators indicators, DatasetResponses responses) {
        this.indicators = indicators;
        this.responses = responses;
    }

    @GetMapping
    List<Indicators.IndicatorInfo> catalogue() {
        return indicators.catalogue();
    }

    /**
     * @param breakdown extra dimensions, comma-separated (e.g. {@code year} or {@code year,gender})
     */
    @GetMapping("/{id}")
    ResponseEntity<?> indicator(
            @PathVariable String id,
            @RequestParam(required = false) Integer yearFrom,
            @RequestParam(required = false) Integer yearTo,
            @RequestParam(required = false) String breakdown,
            @RequestParam(required = false) String format,
            @RequestHeader(value = "Accept", required = false) List<String> accept) {
        var exportFormat = responses.negotiate(format, accept);
        List<String> dims = breakdown == null || breakdown.isBlank()
                ? List.of()
                : Arrays.stream(breakdown.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        return responses.render(List.of(indicators.compute(id, yearFrom, yearTo, dims)), exportFormat, id);
    }
}
