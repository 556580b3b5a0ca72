package org.tributary.aggregator.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tributary.common.integrity.SigningKey;

@ExtendWith(OutputCaptureExtension.class)
class AggregatorSignerTest {

    @Test
    void withoutAKeyTheAggregatorDoesNotStartAndItsKeyNeverReachesTheLog(CapturedOutput output) throws Exception {
        assertThatThrownBy(() -> AggregatorSigner.load(new IntegrityProperties(null, null, false, null), "GMS"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TRIBUTARY_AGGREGATOR_SIGNING_KEY_FILE");
        SigningKey key = SigningKey.generate();
        String pem = key.toPkcs8Pem();
        String body = pem.split("\n")[1];
        var file = Files.createTempFile("aggregator-signing", ".pem");
        Files.writeString(file, pem);
        var fromFile = AggregatorSigner.load(new IntegrityProperties(null, file, false, Duration.ofSeconds(60)), "GMS");
        var fromEnv = AggregatorSigner.load(new IntegrityProperties(body, null, false, null), "GMS");
        assertThat(fromFile.key().publicKey())
                .isEqualTo(key.publicKey())
                .isEqualTo(fromEnv.key().publicKey());
        assertThatThrownBy(() ->
                        AggregatorSigner.load(new IntegrityProperties(body.substring(2), null, false, null), "GMS"))
                .hasMessageNotContaining(body.substring(2, 20));
        assertThat(fromFile.toString() + new IntegrityProperties(body, null, false, null))
                .doesNotContain(body);
        assertThat(output.getAll()).doesNotContain(body).contains(key.keyId());
        var demo = AggregatorSigner.load(new IntegrityProperties(null, null, true, null), "GMS");
        assertThat(output.getAll()).contains("DEMO key");
        assertThat(demo.key().publicKey())
                .isEqualTo(SigningKey.demo("aggregator GMS").publicKey());
    }
}
