package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.model.User;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;
import org.xml.sax.SAXException;

public class JenkinsRule implements TestRule {
    public Jenkins jenkins;

    public JenkinsRule() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Statement apply(Statement base, Description description) {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public MockFolder createFolder(String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable> R buildAndAssertSuccess(J job) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run> R assertBuildStatusSuccess(R r) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public static String getLog(Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public HtmlPage submit(HtmlForm form) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs)
            throws InvocationTargetException, NoSuchMethodException, IllegalAccessException {
        throw new UnsupportedOperationException("stub");
    }

    public HtmlPage submit(HtmlForm form, String name) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException("stub");
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException("stub");
    }

    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {
        private DummySecurityRealm() {
            throw new UnsupportedOperationException("stub");
        }

        public void addGroups(String username, String... groups) {
            throw new UnsupportedOperationException("stub");
        }
    }

    public class WebClient extends org.htmlunit.WebClient {
        private static final long serialVersionUID = 1L;

        public WebClient() {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient login(String username) throws Exception {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage getPage(Run r, String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage getPage(Item item, String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage goTo(String relativeUrl) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public Page goTo(String relativeUrl, String expectedContentType) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public URL createCrumbedUrl(String relativePath) throws IOException {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient withBasicApiToken(String userId) {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient withBasicApiToken(User user) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
