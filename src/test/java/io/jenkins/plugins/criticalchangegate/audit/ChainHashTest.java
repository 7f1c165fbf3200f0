package io.jenkins.plugins.criticalchangegate.audit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Test;

/**
 * The chain function against the JDK's SHA-256 and HmacSHA256 used afresh for every record: one {@link ChainHash}
 * hashes record after record, so a state left over from one record would change the next one's hash.
 */
public class ChainHashTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    public void sha256IsTheJdksSha256OfBodyAndBraceForEveryRecord() throws Exception {
        ChainHash chain = ChainHash.sha256();
        Random random = new Random(17);
        for (int record = 0; record < 3000; record++) {
            byte[] body = body(random, record);
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            expected.update(body);
            expected.update((byte) '}');
            assertArrayEquals("record " + record, expected.digest(), hash(chain, body));
        }
    }

    @Test
    public void hmacIsTheJdksHmacSha256OfBodyAndBraceForEveryRecord() throws Exception {
        ChainHash chain = ChainHash.hmac(KEY);
        Random random = new Random(18);
        for (int record = 0; record < 3000; record++) {
            byte[] body = body(random, record);
            Mac expected = Mac.getInstance("HmacSHA256");
            expected.init(new SecretKeySpec(KEY, "HmacSHA256"));
            expected.update(body);
            expected.update((byte) '}');
            assertArrayEquals("record " + record, expected.doFinal(), hash(chain, body));
        }
    }

    @Test
    public void aBodyBegunWithUpdateHashesAsInOnePiece() throws Exception {
        ChainHash chain = ChainHash.sha256();
        byte[] body = body(new Random(19), 200);
        for (int record = 0; record < 1000; record++) {
            int cut = record % (body.length + 1);
            chain.update(body, 0, cut);
            byte[] out = new byte[ChainHash.LENGTH];
            chain.hashBody(body, cut, body.length - cut, out);
            assertArrayEquals("record " + record, hash(ChainHash.sha256(), body), out);
        }
    }

    @Test
    public void keyIdIsTheFirstEightBytesOfTheHmacOfTheFixedMessage() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] full = mac.doFinal("critical-change-gate audit key id".getBytes(StandardCharsets.US_ASCII));
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            hex.append(String.format("%02x", full[i] & 0xFF));
        }
        assertEquals(hex.toString(), ChainHash.keyId(KEY));
    }

    /** Lengths around SHA-256's 64-byte blocks and its 55/56-byte padding edge, and record-sized ones. */
    private static byte[] body(Random random, int record) {
        int length = record % 5 == 0 ? record % 130 : 200 + random.nextInt(400);
        byte[] body = new byte[length];
        random.nextBytes(body);
        return body;
    }

    private static byte[] hash(ChainHash chain, byte[] body) {
        byte[] out = new byte[ChainHash.LENGTH];
        chain.hashBody(body, 0, body.length, out);
        return out;
    }
}
