/**
 * Checks of the plugin's Jelly views that need no Jenkins, so that the Central build catches what would otherwise
 * show only on a running Jenkins (a page that answers 500, a form that drops a value): every {@code ${…}} path
 * resolves to public members ({@link io.jenkins.plugins.criticalchangegate.jenkins.views.ViewsResolveTest}), every
 * form field is read back, bound and helped
 * ({@link io.jenkins.plugins.criticalchangegate.jenkins.views.ConfigFieldsTest}). Jenkins' own types are looked up in
 * the recorded real API (an extract of {@code ../shared/jenkins-api/manifest.txt.gz},
 * {@link io.jenkins.plugins.criticalchangegate.jenkins.views.JenkinsApiExtractTest}), never in the stubs.
 */
package io.jenkins.plugins.criticalchangegate.jenkins.views;
