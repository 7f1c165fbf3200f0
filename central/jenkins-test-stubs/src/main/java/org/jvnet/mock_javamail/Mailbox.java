package org.jvnet.mock_javamail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import java.util.ArrayList;

/**
 * mock-javamail 2.2 (the jakarta.mail version the mailer plugin's tests use; not on Maven Central): the members the
 * e-mail JenkinsRule test calls.
 */
public class Mailbox extends ArrayList<Message> {
    private static final long serialVersionUID = 1L;

    public Mailbox(Address address) {
        throw new UnsupportedOperationException("stub");
    }

    public static Mailbox get(Address a) {
        throw new UnsupportedOperationException("stub");
    }

    public static void clearAll() {
        throw new UnsupportedOperationException("stub");
    }
}
