package io.jenkins.plugins.criticalchangegate.registry;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for an address under {@code notify.email}: a bare ASCII {@code local@domain} (RFC 5322 dot-atom local
 * part, a domain of at least two DNS labels), at most 254 characters. Stricter than jakarta.mail's
 * {@code InternetAddress}, on purpose: no display names, comments, quoted local parts, routes, groups or lists, so an
 * address is exactly one recipient and can never carry a header (CR/LF) or a second address (',', ';', space) into a
 * message; the registry stays readable by the Jenkins-free tool, which has no mail library.
 */
public final class EmailAddress {
    /** RFC 5322 atext. */
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern ADDRESS = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL
            + ")+");
    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_PART = 64;

    private EmailAddress() {
    }

    /** Why {@code text} is not an address this registry accepts; empty when it is one. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                return Optional.of("contains a line break, which could add a header to the mail: give one address"
                        + " per entry");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("contains a control character");
            }
        }
        if (text.indexOf('<') >= 0 || text.indexOf('"') >= 0) {
            return Optional.of("has a display name or quotes: give the bare address, e.g. checkout-leads@example.com");
        }
        if (text.indexOf(',') >= 0 || text.indexOf(';') >= 0 || text.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("holds more than one address or a space: give one address per entry");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        int at = text.lastIndexOf('@');
        if (at > MAX_LOCAL_PART) {
            return Optional.of("has a part before '@' longer than " + MAX_LOCAL_PART + " characters");
        }
        if (!ADDRESS.matcher(text).matches()) {
            return Optional.of("is not an e-mail address of the form name@example.com (ASCII letters, digits and"
                    + " RFC 5322 symbols before '@', a domain with at least one dot after it)");
        }
        return Optional.empty();
    }
}
