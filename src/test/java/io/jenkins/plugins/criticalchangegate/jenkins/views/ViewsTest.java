package io.jenkins.plugins.criticalchangegate.jenkins.views;

import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryFile;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryUrl;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;

/**
 * The views, checked without Jenkins: every Jelly file escapes by default and is well-formed XML, and every registry
 * source's form has its "Check registry" button. Paths, form fields and help files: {@link ViewsResolveTest},
 * {@link ConfigFieldsTest}.
 */
public class ViewsTest {

    @Test
    public void everyJellyFileEscapesByDefaultAndIsWellFormed() throws Exception {
        List<JellyViews.View> views = JellyViews.all();
        assertThat(views.size(), greaterThan(4));
        for (JellyViews.View view : views) {
            String text = Files.readString(view.file, StandardCharsets.UTF_8);
            assertThat(view.name, text, startsWith("<?jelly escape-by-default='true'?>"));
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            try (InputStream in = Files.newInputStream(view.file)) {
                factory.newDocumentBuilder().parse(in); // throws on malformed XML
            }
        }
    }

    /** Each registry source has a "Check registry" button bound to its descriptor's doTestRegistry. */
    @Test
    public void everyRegistrySourceHasACheckButton() throws Exception {
        for (Class<?> source : List.of(InlineRegistry.class, RegistryFile.class, RegistryUrl.class)) {
            String jelly = Files.readString(JellyViews.resources()
                    .resolve(source.getName().replace('.', '/') + "/config.jelly"), StandardCharsets.UTF_8);
            assertThat(source.getSimpleName(), jelly, containsString("method=\"testRegistry\""));
            Class<?> descriptor = Class.forName(source.getName() + "$DescriptorImpl");
            boolean found = false;
            for (Method m : descriptor.getDeclaredMethods()) {
                found |= m.getName().equals("doTestRegistry");
            }
            assertThat(source.getSimpleName() + " has doTestRegistry", found, is(true));
        }
    }
}
