package org.tributary.node.cases;

import org.springframework.stereotype.Component;
import org.tributary.node.pii.PiiCipher;
import tools.jackson.databind.json.JsonMapper;

/** Turns personal details into the encrypted blob stored with a case, and back. */
@Component
class PersonalDataCodec {

    private final PiiCipher cipher;
    private final JsonMapper json;

    PersonalDataCodec(PiiCipher cipher, JsonMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /** The blob for {@code personal}, or null when there is nothing to keep. */
    byte[] seal(PersonalDetails personal, String externalRef) {
        if (personal == null || personal.containsNothing()) {
            return null;
        }
        return cipher.encrypt(json.writeValueAsBytes(personal), externalRef);
    }

    PersonalDetails open(byte[] blob, String externalRef) {
        if (blob == null) {
            return null;
        }
        return json.readValue(cipher.decrypt(blob, externalRef), PersonalDetails.class);
    }
}
