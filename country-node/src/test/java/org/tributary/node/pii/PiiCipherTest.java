package org.tributary.node.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PiiCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    PiiCipher cipher = new PiiCipher(new PiiProperties(KEY));

    @Test
    void encryptsSoThatThePlaintextIsNotInTheBlobAndDecryptsBack() {
        byte[] plain = "Srey Mom, +855 12 345 678".getBytes(StandardCharsets.UTF_8);
        byte[] blob = cipher.encrypt(plain, "KH-1");
        assertThat(new String(blob, StandardCharsets.ISO_8859_1))
                .doesNotContain("Srey")
                .doesNotContain("345");
        assertThat(cipher.decrypt(blob, "KH-1")).isEqualTo(plain);
    }

    @Test
    void theSamePlaintextEncryptsDifferentlyEachTime() {
        byte[] plain = "same".getBytes(StandardCharsets.UTF_8);
        assertThat(cipher.encrypt(plain, "KH-1")).isNotEqualTo(cipher.encrypt(plain, "KH-1"));
    }

    @Test
    void aBlobMovedToAnotherCaseOrReadWithAnotherKeyDoesNotDecryptAndTheErrorQuotesNothing() {
        byte[] blob = cipher.encrypt("Srey".getBytes(StandardCharsets.UTF_8), "KH-1");
        assertThatThrownBy(() -> cipher.decrypt(blob, "KH-2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("Srey");
        var other = new PiiCipher(new PiiProperties(OTHER_KEY));
        assertThatThrownBy(() -> other.decrypt(blob, "KH-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysThatAreNotBase64Or256BitRefuseToStart() {
        assertThatThrownBy(() -> new PiiCipher(new PiiProperties("not base64!")))
                .hasMessageContaining("base64");
        assertThatThrownBy(() ->
                        new PiiCipher(new PiiProperties(Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void pseudonymsAreStableKeyedAndOpaque() {
        assertThat(cipher.pseudonym("srey|mom"))
                .isEqualTo(cipher.pseudonym("srey|mom"))
                .hasSize(24);
        assertThat(cipher.pseudonym("srey|mom")).isNotEqualTo(cipher.pseudonym("srey|mon"));
        assertThat(new PiiCipher(new PiiProperties(OTHER_KEY)).pseudonym("srey|mom"))
                .isNotEqualTo(cipher.pseudonym("srey|mom"));
    }

    @Test
    void thePropertiesNeverPrintTheKey() {
        assertThat(new PiiProperties(KEY).toString()).doesNotContain(KEY);
    }
}
