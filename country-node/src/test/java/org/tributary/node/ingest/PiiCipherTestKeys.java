package org.tributary.node.ingest;

import java.util.Base64;

final class PiiCipherTestKeys {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private PiiCipherTestKeys() {}
}
