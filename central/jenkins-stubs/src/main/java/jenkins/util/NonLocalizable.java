package jenkins.util;

import java.util.Locale;
import org.jvnet.localizer.Localizable;

public class NonLocalizable extends Localizable {
    public NonLocalizable(String nonLocalizable) {
        super(null, null);
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String toString(Locale locale) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String toString() {
        throw new UnsupportedOperationException("stub");
    }
}
