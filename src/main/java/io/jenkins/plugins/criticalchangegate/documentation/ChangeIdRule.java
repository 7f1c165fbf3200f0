package io.jenkins.plugins.criticalchangegate.documentation;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.util.regex.Pattern;

/**
 * What a change id may be: at most {@value #MAX_LENGTH} characters, letters, digits and {@code . _ : / # -},
 * starting with a letter or digit. One rule for the step's {@code changeId} parameter, {@code docs check --change}
 * and {@code simulate --change}, so that the tool is a faithful dry run of the step (issue 17): an id the step
 * would refuse is refused by the tool too, with the same words. It lives here, the lowest layer that needs it,
 * because the documentation check bounds its search for the id on the page by the same length.
 */
public final class ChangeIdRule {
    /** Longest change id accepted: change tickets are short; a page of text is a mistake. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern SHAPE = Pattern.compile("[\\p{Alnum}][\\p{Alnum}._:/#-]*");

    private ChangeIdRule() {
    }

    /**
     * What is wrong with a change id, as the end of a sentence that names the parameter ("must be at most ..."), or
     * null when the id is acceptable.
     *
     * @param id the id as given, already stripped of surrounding white space
     */
    @CheckForNull
    public static String problem(String id) {
        if (id.isEmpty()) {
            return "must not be empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, got " + id.length();
        }
        if (!SHAPE.matcher(id).matches()) {
            return "must start with a letter or digit and contain only letters, digits and . _ : / # - (got '"
                    + ControlCharacters.escape(id, 203) + "')";
        }
        return null;
    }
}
