package org.tributary.support.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict JSON for every request body and every node answer: a duplicate key is refused (Jackson would keep the last
 * value, so a filter could see one value and the handler another), and so is a fractional number for an integer field
 * ({@code 2022.5} would become 2022). Both end as a 400 problem that names the field.
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapper.class)
public class StrictJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJsonAutoConfiguration::strict;
    }

    /** The same strictness for a mapper built by hand. */
    public static void strict(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
