package org.tributary.aggregator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonExportTest {

    final JsonMapper mapper = JsonMapper.builder().build();
    final Exports exports = new Exports(mapper);

    @Test
    void jsonOfOneDatasetIsTheDatasetItself() {
        JsonNode json = mapper.readTree(exports.json(List.of(SampleDatasets.victims())));
        assertThat(json.get("id").asString()).isEqualTo("victims-by-sex-age");
        assertThat(json.get("observations").size()).isEqualTo(7);
        assertThat(json.get("provenance").get("regionCode").asString()).isEqualTo("GMS");
    }

    @Test
    void jsonOfSeveralDatasetsListsThemUnderDatasets() {
        JsonNode json =
                mapper.readTree(exports.json(List.of(SampleDatasets.victims(), SampleDatasets.shareReturned())));
        assertThat(json.get("datasets").size()).isEqualTo(2);
        assertThat(json.get("datasets").get(1).get("id").asString()).isEqualTo("share-returned");
    }

    @Test
    void writeDispatchesOnTheFormat() {
        var datasets = List.of(SampleDatasets.victims());
        assertThat(exports.write(ExportFormat.CSV, datasets, SdmxJsonExportTest.PREPARED))
                .isEqualTo(exports.csv(datasets));
        assertThat(mapper.readTree(exports.write(ExportFormat.SDMX, datasets, SdmxJsonExportTest.PREPARED))
                        .has("meta"))
                .isTrue();
    }
}
