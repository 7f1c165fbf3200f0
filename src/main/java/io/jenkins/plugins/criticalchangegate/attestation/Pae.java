package io.jenkins.plugins.criticalchangegate.attestation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE's pre-authentication encoding, the bytes that are actually signed (DSSE protocol v1):
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, where {@code LEN} is the ASCII decimal byte length
 * without leading zeros and {@code type} the payload type in UTF-8. Signing these rather than the payload alone binds
 * the payload type to the signature, so a payload cannot be replayed as another type.
 */
public final class Pae {
    private static final byte[] PREFIX = "DSSEv1 ".getBytes(StandardCharsets.US_ASCII);

    private Pae() {
    }

    /**
     * The encoding of a payload type and body.
     *
     * @param payloadType the payload type (encoded as UTF-8)
     * @param body the serialized body
     * @return the bytes to sign or verify
     */
    public static byte[] encode(String payloadType, byte[] body) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + type.length + body.length);
        out.writeBytes(PREFIX);
        out.writeBytes(Integer.toString(type.length).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(type);
        out.write(' ');
        out.writeBytes(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(body);
        return out.toByteArray();
    }
}
