package io.jenkins.plugins.criticalchangegate.documentation;

/**
 * Why a documentation check ended as it did. The names are stable: the audit journal and the JSON output of
 * {@code docs check} record them, and {@code docs/documentation-check.md} explains each to administrators.
 */
public enum Reason {
    /** The page was fetched from an allowed host, answered 2xx and contains what the policy asks for. */
    VERIFIED,
    /** Not {@code https} (or not {@code http} either when the system allows plain http). */
    SCHEME_NOT_ALLOWED,
    /** The URL carries user-info ({@code https://user@host/}, {@code https://wiki.example.com@evil.test/}). */
    CREDENTIALS_IN_URL,
    /** The URL's host (and port) matches none of the system's allowed hosts. */
    HOST_NOT_ALLOWED,
    /** A redirect pointed somewhere the rules do not allow; it was not followed. */
    REDIRECT_NOT_ALLOWED,
    /** More redirects than the limit, or a redirect loop. */
    TOO_MANY_REDIRECTS,
    /** The final response was not 2xx (or a 3xx without a usable {@code Location}). */
    HTTP_STATUS,
    /** The fetch did not end within its time bound. */
    TIMEOUT,
    /** The host could not be reached: name resolution, connection or TLS failure. */
    UNREACHABLE,
    /** The page does not mention the change id as a whole token. */
    CHANGE_ID_MISSING,
    /** The page lacks one of the required sections (or matching it took longer than its bound). */
    SECTION_MISSING,
    /** Not a URL the check can judge: syntax, length, whitespace, backslashes, percent-encoded host, bad port. */
    MALFORMED_URL;

    /** The verdict this reason stands for. */
    public Verdict verdict() {
        return this == VERIFIED ? Verdict.VERIFIED : Verdict.REFUSED;
    }
}
