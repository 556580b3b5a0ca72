package org.tributary.aggregator.integrity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.aggregator.config.AggregatorProperties;

@Configuration(proxyBeanMethods = false)
class IntegrityConfiguration {

    @Bean
    AggregatorSigner aggregatorSigner(IntegrityProperties properties, AggregatorProperties aggregator) {
        return AggregatorSigner.load(properties, aggregator.region().code());
    }
}
