package io.jenkins.plugins.criticalchangegate.attestation;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468): {@code -----BEGIN LABEL-----}, base64 lines, {@code -----END LABEL-----}. Text outside the
 * blocks (a comment line a key listing puts before each key) is ignored, as RFC 7468 allows.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END ([A-Z0-9 ]+)-----");

    private Pem() {
    }

    /** One block of PEM text. */
    static final class Block {
        final String label;
        final byte[] der;

        Block(String label, byte[] der) {
            this.label = label;
            this.der = der;
        }
    }

    static String encode(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    /**
     * Every block in the text, in order.
     *
     * @param what names the text in messages (a file name)
     * @throws AttestationException when there is none, or a block is malformed
     */
    static List<Block> decode(String text, String what) throws AttestationException {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(m.group(3))) {
                throw new AttestationException(what + ": a PEM block begins as '" + m.group(1) + "' and ends as '"
                        + m.group(3) + "'");
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new AttestationException(what + ": the PEM block '" + m.group(1) + "' is not base64: "
                        + e.getMessage());
            }
        }
        if (blocks.isEmpty()) {
            throw new AttestationException(what + " holds no PEM block (-----BEGIN ...-----)");
        }
        return blocks;
    }
}
