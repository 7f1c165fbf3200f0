package io.jenkins.plugins.criticalchangegate.documentation;

/**
 * The value of the {@code Authorization} header sent with the documentation request, e.g. {@code Bearer ...}.
 * The caller supplies it (the Jenkins layer from a credential, the tool from an environment variable). It is a
 * secret: {@link #toString()} hides it, it is not {@link java.io.Serializable} so it never lands in build.xml or
 * program.dat, and the check sends it only to the origin (scheme, host, port) of the requested URL.
 */
public final class Authorization {
    private final String value;

    private Authorization(String value) {
        this.value = value;
    }

    /**
     * Wraps a header value.
     *
     * @param headerValue the whole value, e.g. {@code Bearer abc} or {@code Basic dXNlcjpwYXNz}
     * @return the wrapped value
     * @throws IllegalArgumentException if it is blank or contains anything but printable ASCII, spaces and tabs (a
     *     line break would inject headers); the message never repeats the value
     */
    public static Authorization of(String headerValue) {
        if (headerValue.isBlank()) {
            throw new IllegalArgumentException("the Authorization header value is empty");
        }
        for (int i = 0; i < headerValue.length(); i++) {
            char c = headerValue.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                throw new IllegalArgumentException("the Authorization header value contains a control or non-ASCII"
                        + " character (at index " + i + "); check the credential for line breaks and stray characters");
            }
        }
        return new Authorization(headerValue.strip());
    }

    /** The secret itself: read only where a request is built (the documentation check, the registry's URL source). */
    public String headerValue() {
        return value;
    }

    @Override
    public String toString() {
        return "Authorization[hidden]";
    }
}
