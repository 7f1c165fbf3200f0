package jenkins.model;

import hudson.model.TopLevelItem;
import java.io.IOException;
import java.io.InputStream;

public interface ModifiableTopLevelItemGroup {
    TopLevelItem createProjectFromXML(String name, InputStream xml) throws IOException;
}
