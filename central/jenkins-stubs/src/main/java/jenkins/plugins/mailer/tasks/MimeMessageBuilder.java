package jenkins.plugins.mailer.tasks;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;

/** Mailer 489.vd4b_25144138f: the members the plugin calls (docs/building.md says how this stub is checked). */
public class MimeMessageBuilder {
    public MimeMessageBuilder() {
        throw new UnsupportedOperationException("stub");
    }

    public MimeMessageBuilder setSubject(String subject) {
        throw new UnsupportedOperationException("stub");
    }

    public MimeMessageBuilder setBody(String body) {
        throw new UnsupportedOperationException("stub");
    }

    public MimeMessageBuilder addRecipients(String recipients) throws UnsupportedEncodingException {
        throw new UnsupportedOperationException("stub");
    }

    public MimeMessage buildMimeMessage() throws MessagingException, UnsupportedEncodingException {
        throw new UnsupportedOperationException("stub");
    }
}
