package org.tributary.aggregator.federation;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;
import org.tributary.common.disclosure.CountQuery;

/** Puts one protected count query to every node through the fan-out route. */
@Service
public class RegionalQueries {

    private final ProducerTemplate camel;

    RegionalQueries(ProducerTemplate camel) {
        this.camel = camel;
    }

    public RegionalAnswer ask(CountQuery query) {
        return camel.requestBody(FederationRoutes.REGIONAL_QUERY, query, RegionalAnswer.class);
    }
}
