package org.tributary.aggregator.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    static Optional<ExportFormat> accept(String... values) {
        return ExportFormat.negotiate(null, Arrays.asList(values));
    }

    @Test
    void eachFormatHasItsMediaTypeAndFileExtension() {
        assertThat(ExportFormat.JSON.mediaType()).hasToString("application/json");
        assertThat(ExportFormat.CSV.mediaType()).hasToString("text/csv;charset=UTF-8");
        assertThat(ExportFormat.XLSX.mediaType())
                .hasToString("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(ExportFormat.SDMX.mediaType()).hasToString("application/vnd.sdmx.data+json;version=2.0.0");
        assertThat(ExportFormat.SDMX_CSV.mediaType()).hasToString("application/vnd.sdmx.data+csv;version=2.0.0");
        assertThat(ExportFormat.values())
                .extracting(ExportFormat::extension)
                .containsExactly("json", "csv", "xlsx", "json", "csv");
    }

    @Test
    void formatNamesAreCaseInsensitiveAndSdmxJsonMeansSdmx() {
        assertThat(ExportFormat.byName("CSV")).contains(ExportFormat.CSV);
        assertThat(ExportFormat.byName(" Xlsx ")).contains(ExportFormat.XLSX);
        assertThat(ExportFormat.byName("sdmx")).contains(ExportFormat.SDMX);
        assertThat(ExportFormat.byName("SDMX-JSON")).contains(ExportFormat.SDMX);
        assertThat(ExportFormat.byName("json")).contains(ExportFormat.JSON);
        assertThat(ExportFormat.byName("xml")).isEmpty();
        assertThat(ExportFormat.byName(null)).isEmpty();
    }

    @Test
    void theFormatParameterWinsOverTheAcceptHeader() {
        assertThat(ExportFormat.negotiate("csv", List.of("application/json"))).contains(ExportFormat.CSV);
        assertThat(ExportFormat.negotiate("sdmx", List.of("text/html"))).contains(ExportFormat.SDMX);
    }

    @Test
    void anUnknownFormatParameterIsRefusedWithAFixedMessageThatDoesNotEchoTheRequest() {
        assertThatThrownBy(() -> ExportFormat.negotiate("<script>alert(1)</script>", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ExportFormat.UNKNOWN_FORMAT)
                .message()
                .doesNotContain("script");
    }

    @Test
    void aMissingOrEmptyAcceptHeaderGetsJson() {
        assertThat(ExportFormat.negotiate(null, null)).contains(ExportFormat.JSON);
        assertThat(ExportFormat.negotiate("", List.of())).contains(ExportFormat.JSON);
        assertThat(accept("")).contains(ExportFormat.JSON);
        assertThat(accept(" ", null)).contains(ExportFormat.JSON);
    }

    @Test
    void wildcardsGetJsonAndTextGetsCsv() {
        assertThat(accept("*/*")).contains(ExportFormat.JSON);
        assertThat(accept("application/*")).contains(ExportFormat.JSON);
        assertThat(accept("text/*")).contains(ExportFormat.CSV);
        assertThat(accept("text/html, */*;q=0.1")).contains(ExportFormat.JSON);
    }

    @Test
    void theSdmxMediaTypeGetsSdmxWithOrWithoutAVersionWeWrite() {
        assertThat(accept("application/vnd.sdmx.data+json")).contains(ExportFormat.SDMX);
        assertThat(accept("application/vnd.sdmx.data+json;version=2.0.0")).contains(ExportFormat.SDMX);
        assertThat(accept("application/vnd.sdmx.data+json; version=2.0")).contains(ExportFormat.SDMX);
        assertThat(accept("application/vnd.sdmx.data+json;version=1.0.0")).isEmpty();
    }

    @Test
    void higherQualityWinsAndEqualQualityKeepsTheClientsOrder() {
        assertThat(accept("application/json;q=0.5, text/csv")).contains(ExportFormat.CSV);
        assertThat(accept("text/csv;q=0.9, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .contains(ExportFormat.XLSX);
        assertThat(accept("text/csv, application/json")).contains(ExportFormat.CSV);
        assertThat(accept("application/json, text/csv")).contains(ExportFormat.JSON);
        assertThat(accept("text/html", "image/png;q=0.9, text/csv;q=0.8")).contains(ExportFormat.CSV);
    }

    @Test
    void aFormatGivenQualityZeroIsNotChosenThroughAWildcard() {
        assertThat(accept("application/json;q=0, */*")).contains(ExportFormat.CSV);
        assertThat(accept("text/csv;q=0")).isEmpty();
    }

    @Test
    void anAcceptHeaderNamingOnlyUnsupportedTypesGivesNothing() {
        assertThat(accept("text/html, image/png")).isEmpty();
        assertThat(accept("application/xml")).isEmpty();
        assertThat(accept("not a media type;;")).isEmpty();
    }
}
