package io.jenkins.plugins.criticalchangegate.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a payload as GitHub signs its webhooks: {@code X-Critical-Change-Gate-Signature-256: sha256=<hex>}, the
 * lowercase hex HMAC-SHA256 of the exact body bytes with the shared secret. A receiver recomputes it and compares in
 * constant time (docs/notifications.md shows how with openssl).
 */
public final class WebhookSignature {
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Critical-Change-Gate-Signature-256";
    /** The event header: {@code gate.opened}, {@code gate.decided}, {@code gate.expiring}. */
    public static final String EVENT_HEADER = "X-Critical-Change-Gate-Event";
    /** The delivery id header: the same for each retry of one delivery, so a receiver can drop duplicates. */
    public static final String DELIVERY_HEADER = "X-Critical-Change-Gate-Delivery";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /**
     * The header's value for a body.
     *
     * @param secret the shared secret's bytes (UTF-8 of the Secret text credential), not empty
     * @param body the exact bytes sent
     * @return {@code sha256=} and 64 lowercase hex digits
     * @throws IllegalArgumentException for an empty secret (an empty HMAC key signs nothing worth checking)
     */
    public static String sign(byte[] secret, byte[] body) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the webhook's shared secret is empty; give a secret or none");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** Whether a received header value is the body's signature (constant-time comparison). */
    public static boolean verify(byte[] secret, byte[] body, String header) {
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
