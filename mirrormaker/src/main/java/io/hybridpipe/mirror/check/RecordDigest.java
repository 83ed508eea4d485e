package io.hybridpipe.mirror.check;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a record's key and value (length-prefixed, so key/value boundaries cannot shift unnoticed). */
final class RecordDigest {

    private RecordDigest() {
    }

    static String of(byte[] key, byte[] value) {
        MessageDigest sha = sha256();
        update(sha, key);
        update(sha, value);
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static void update(MessageDigest sha, byte[] bytes) {
        if (bytes == null) {
            sha.update(ByteBuffer.allocate(4).putInt(-1).array());
        } else {
            sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
