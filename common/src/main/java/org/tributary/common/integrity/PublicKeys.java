package org.tributary.common.integrity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Ed25519 public keys as Tributary publishes them (base64 X.509 SubjectPublicKeyInfo), and signature checks. */
public final class PublicKeys {

    private PublicKeys() {}

    /** The key, or an error naming what is wrong with it. */
    public static PublicKey parse(String base64) {
        try {
            String body =
                    base64.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 SubjectPublicKeyInfo expected)");
        }
    }

    public static String keyId(PublicKey key) {
        return "ed25519:" + Digests.sha256(key.getEncoded()).substring(0, 16);
    }

    public static String keyId(String base64) {
        return keyId(parse(base64));
    }

    /** True when the base64url signature is the key's Ed25519 signature of the message. */
    public static boolean verifies(PublicKey key, byte[] message, String signature) {
        if (signature == null) {
            return false;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(signature);
            Signature check = Signature.getInstance("Ed25519");
            check.initVerify(key);
            check.update(message);
            return check.verify(raw);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** True when the signature is the key's over the JSON value's canonical form. */
    public static boolean verifiesCanonical(PublicKey key, Object json, String signature) {
        return verifies(key, CanonicalJson.bytes(json), signature);
    }
}
