package io.jenkins.plugins.criticalchangegate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The design, stated as rules that fail the build when broken (as analysis-model's and warnings-ng's architecture
 * tests do).
 */
public class ArchitectureTest {
    static final String ROOT = "io.jenkins.plugins.criticalchangegate";
    /** The Jenkins adapters; everything else under {@link #ROOT} is the Jenkins-free domain core and the tool. */
    static final String ADAPTERS = ROOT + ".jenkins..";
    static final String[] JENKINS_PACKAGES = {"hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..",
        "com.cloudbees..", "org.jvnet.hudson.."};

    private static JavaClasses mainClasses;
    private static JavaClasses allClasses;

    /** The plugin's classes without its tests, imported once for this test and the file handling rules. */
    private static JavaClasses imported;

    static synchronized JavaClasses mainClasses() {
        if (imported == null) {
            imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages(ROOT);
        }
        return imported;
    }

    @BeforeClass
    public static void importClasses() {
        mainClasses = mainClasses();
        allClasses = new ClassFileImporter().importPackages(ROOT);
    }

    /** The domain core (registry, policy, documentation check, audit journal) and the tool never touch Jenkins. */
    public static final ArchRule DOMAIN_IS_JENKINS_FREE = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .and().resideOutsideOfPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(JENKINS_PACKAGES)
            .as("the domain packages (everything outside " + ADAPTERS + ") import no Jenkins type");

    /** Only the full build can run a Jenkins; the Central build skips tests by this name (README). */
    public static final ArchRule TESTS_THAT_NEED_JENKINS_ARE_NAMED_SO = noClasses()
            .that(DescribedPredicate.describe("are not declared in a *JenkinsTest class",
                    (JavaClass c) -> !outermost(c).getSimpleName().endsWith("JenkinsTest")))
            .should().dependOnClassesThat().resideInAPackage("org.jvnet.hudson.test..")
            .as("tests that use the Jenkins test harness are named *JenkinsTest, so the Central build skips them");

    /**
     * The release decision (issue 12) sits after registry, policy and audit and before the tool and the adapters:
     * the packages below it never reach it.
     */
    public static final ArchRule RELEASE_IS_LAYERED_AFTER_POLICY_AND_AUDIT = noClasses()
            .that().resideInAnyPackage(ROOT + ".http..", ROOT + ".documentation..", ROOT + ".registry..",
                    ROOT + ".policy..", ROOT + ".audit..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".release..", ROOT + ".cli..")
            .as("http, documentation, registry, policy and audit do not depend on release or cli");

    /** The release decision uses the layers below it only: not the tool. */
    public static final ArchRule RELEASE_DOES_NOT_USE_THE_TOOL = noClasses()
            .that().resideInAPackage(ROOT + ".release..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
            .as("release does not depend on cli");

    /** The core depends on no adapter: the arrows point inwards. */
    public static final ArchRule DOMAIN_DOES_NOT_USE_ADAPTERS = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .and().resideOutsideOfPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
            .as("the domain packages do not depend on the Jenkins adapters");

    /**
     * The facts the adapters read from Jenkins, and the rules over them, are plain values tested in the Central
     * build: they must not reach back into Jenkins (Spring Security's {@code Authentication} is allowed: it is a
     * library on Maven Central).
     */
    public static final ArchRule ADAPTER_FACTS_ARE_JENKINS_FREE = noClasses()
            .that().resideInAPackage(ROOT + ".jenkins.facts..")
            .should().dependOnClassesThat().resideInAnyPackage(JENKINS_PACKAGES)
            .as("the adapters' facts (" + ROOT + ".jenkins.facts) import no Jenkins type");

    /**
     * The domain packages in layers, each using only those before it: text (how every layer quotes input), files (how
     * every layer lists a directory), http, documentation, registry, policy, audit,
     * attestation (issue 15: it signs what the policy decided and the journal recorded), then the tool. Nothing in the
     * core reaches up into attestation, so a deploy target's verifier is the same code the signer uses, with nothing
     * of the gate's machinery behind it. The audit report (issue 17) reads the journal and sits just below the tool.
     */
    static final String[] LAYERS = {"text", "files", "http", "documentation", "registry", "policy", "audit",
        "attestation", "report", "cli"};

    /** Each domain layer depends only on the layers before it. */
    public static final ArchRule DOMAIN_LAYERS_POINT_DOWNWARDS = domainLayers();

    private static ArchRule domainLayers() {
        com.tngtech.archunit.library.Architectures.LayeredArchitecture layers =
                com.tngtech.archunit.library.Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy(ROOT + "." + layer + "..");
        }
        for (int i = 0; i < LAYERS.length - 1; i++) {
            String[] above = java.util.Arrays.copyOfRange(LAYERS, i + 1, LAYERS.length);
            layers = layers.whereLayer(LAYERS[i]).mayOnlyBeAccessedByLayers(above);
        }
        return layers.whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .as("the domain layers " + String.join(" < ", LAYERS) + " each use only the layers before them");
    }

    /**
     * The approvals inbox and the notifications (issue 14) sit above the policy and the journal and below the tool and
     * the Jenkins layer: the inbox never reaches for delivery, and neither knows the tool.
     */
    public static final ArchRule INBOX_AND_NOTIFY_ARE_LAYERED = noClasses()
            .that().resideInAnyPackage(ROOT + ".inbox..", ROOT + ".notify..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".cli..")
            .as("inbox and notify depend on the core (policy, audit, registry, documentation, http), not on the tool");

    /** The index of open gates does not know how notifications are delivered. */
    public static final ArchRule INBOX_DOES_NOT_USE_NOTIFY = noClasses()
            .that().resideInAPackage(ROOT + ".inbox..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".notify..")
            .as("the inbox does not depend on notify");

    /**
     * In Jenkins, the inbox page and its index know nothing of notifications: the notifications read the index
     * (issue 14), never the other way round, and both are fed only by the journal's listener.
     */
    public static final ArchRule JENKINS_INBOX_DOES_NOT_USE_JENKINS_NOTIFY = noClasses()
            .that().resideInAPackage(ROOT + ".jenkins.inbox..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".jenkins.notify..")
            .as("jenkins.inbox does not depend on jenkins.notify");

    /** The one class allowed to reach the Jenkins singleton (warnings-ng's JenkinsFacade rule). */
    static final String FACADE = ROOT + ".jenkins.JenkinsFacade";

    /** No {@code Jenkins.get()} outside the facade, so adapters stay small and their Jenkins use is visible. */
    public static final ArchRule ONLY_THE_FACADE_CALLS_JENKINS_GET = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .and().doNotHaveFullyQualifiedName(FACADE)
            .should().callMethod("jenkins.model.Jenkins", "get")
            .orShould().callMethod("jenkins.model.Jenkins", "getInstanceOrNull")
            .as("only " + FACADE + " calls Jenkins.get()");

    /**
     * The administrators' list of open emergency reviews (issue 16) is read from the audit journal alone, as
     * {@code audit emergencies} reads it: the monitor's package never reaches into the gate's step, which tells it to
     * refresh (so the arrow points one way only, and the list cannot disagree with the tool's).
     */
    public static final ArchRule EMERGENCY_MONITOR_READS_THE_JOURNAL_NOT_THE_GATES = noClasses()
            .that().resideInAPackage(ROOT + ".jenkins.emergency..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".jenkins.step..")
            .as("jenkins.emergency does not depend on jenkins.step");

    /** The one class that may schedule on {@code jenkins.util.Timer}: the expiry of gates. */
    static final String TIMER_USER = ROOT + ".jenkins.step.GateExpiry";

    /**
     * Timer is 10 threads shared by all of Jenkins (JENKINS-45553: no long tasks there): the plugin only schedules the
     * expiry of gates on it, and everything that waits on the network or the disk goes through the plugin's own
     * bounded pool ({@code jenkins.BackgroundWork}).
     */
    public static final ArchRule ONLY_THE_EXPIRY_SCHEDULES_ON_TIMER = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .and().doNotHaveFullyQualifiedName(TIMER_USER)
            .should().dependOnClassesThat().haveFullyQualifiedName("jenkins.util.Timer")
            .as("only " + TIMER_USER + " uses jenkins.util.Timer; blocking work goes through jenkins.BackgroundWork");

    /**
     * Jenkins runs {@code @Terminator}s in no particular order unless they say what they require: a plugin pool
     * stopped while pipelines still run, or a journal closed while the pool still writes, loses work (a review found
     * both). Every terminator of the plugin states what it runs after.
     */
    public static final ArchRule TERMINATORS_ARE_ORDERED = methods()
            .that().areDeclaredInClassesThat().resideInAPackage(ROOT + "..")
            .and().areAnnotatedWith("hudson.init.Terminator")
            .should(new ArchCondition<>("declare what they require (@Terminator(requires = …))") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    String[] requires = method.getAnnotationOfType(hudson.init.Terminator.class).requires();
                    events.add(new SimpleConditionEvent(method, requires.length > 0, method.getFullName()
                            + (requires.length > 0 ? " runs after " + String.join(", ", requires)
                                    : " is a @Terminator without requires: it may run before the work it stops")));
                }
            })
            .allowEmptyShould(false)
            .as("every @Terminator of the plugin declares what it runs after");

    /** Form validation, list filling and "Check" buttons answer to POST only, and check a permission first (CSRF). */
    public static final ArchRule CHECK_AND_FILL_METHODS_ARE_POST_AND_CHECK_A_PERMISSION = methods()
            .that().areDeclaredInClassesThat().resideInAPackage(ADAPTERS)
            .and().haveNameMatching("do(Check|Fill|Test)[A-Z].*")
            .should().beAnnotatedWith("org.kohsuke.stapler.verb.POST")
            .andShould(callAPermissionCheck())
            .allowEmptyShould(true)
            .as("every doCheck*/doFill*/doTest* web method is @POST and checks a permission");

    /** Every other web method changes something: POST only, so a GET (a link, an image) never approves. */
    public static final ArchRule STATE_CHANGING_WEB_METHODS_REQUIRE_POST = methods()
            .that().areDeclaredInClassesThat().resideInAPackage(ADAPTERS)
            .and().arePublic()
            .and().haveNameMatching("do[A-Z].*")
            .and().haveNameNotMatching("do(Check|Fill|Test)[A-Z].*")
            .should().beAnnotatedWith("org.kohsuke.stapler.interceptor.RequirePOST")
            .orShould().beAnnotatedWith("org.kohsuke.stapler.verb.POST")
            // a download that changes nothing says so: @GET makes Stapler refuse any other verb
            .orShould().beAnnotatedWith("org.kohsuke.stapler.verb.GET")
            .allowEmptyShould(true)
            .as("every web method is @RequirePOST, or declared read-only with @GET");

    private static ArchCondition<JavaMethod> callAPermissionCheck() {
        return new ArchCondition<>("call checkPermission or hasPermission") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean checks = false;
                for (JavaMethodCall call : method.getMethodCallsFromSelf()) {
                    String name = call.getName();
                    if (name.equals("checkPermission") || name.equals("hasPermission")) {
                        checks = true;
                    }
                }
                events.add(new SimpleConditionEvent(method, checks, method.getFullName()
                        + (checks ? " checks" : " does not check") + " a permission"));
            }
        };
    }

    static JavaClass outermost(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    @Test
    public void domainIsJenkinsFree() {
        DOMAIN_IS_JENKINS_FREE.check(mainClasses);
    }

    @Test
    public void domainLayersPointDownwards() {
        DOMAIN_LAYERS_POINT_DOWNWARDS.check(mainClasses);
    }

    @Test
    public void releaseIsLayeredAfterPolicyAndAudit() {
        RELEASE_IS_LAYERED_AFTER_POLICY_AND_AUDIT.check(mainClasses);
        RELEASE_DOES_NOT_USE_THE_TOOL.check(mainClasses);
    }

    @Test
    public void emergencyMonitorReadsTheJournalNotTheGates() {
        EMERGENCY_MONITOR_READS_THE_JOURNAL_NOT_THE_GATES.check(mainClasses);
    }

    @Test
    public void domainDoesNotUseAdapters() {
        DOMAIN_DOES_NOT_USE_ADAPTERS.check(allClasses);
    }

    @Test
    public void adapterFactsAreJenkinsFree() {
        ADAPTER_FACTS_ARE_JENKINS_FREE.check(allClasses);
    }

    /**
     * The audit page (issue 17) is for auditors who are not administrators: it never touches the journal's key, whose
     * download stays with the administrators' page. Jenkins' key is used only inside {@code jenkins.audit} (the
     * verification there names its id, never the key); the page reaches the journal through {@code GateJournal}.
     */
    public static final ArchRule THE_AUDIT_PAGE_NEVER_TOUCHES_THE_KEY = noClasses()
            .that().resideInAPackage(ROOT + ".jenkins.auditpage..")
            .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".audit.JournalKeyFile")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".jenkins.audit.JournalKey")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".jenkins.audit.AuditJournalLink")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".audit.JournalOptions")
            .as("jenkins.auditpage never touches the journal's key (JournalKey, JournalKeyFile, JournalOptions,"
                    + " the key download)");

    /**
     * The audit page and the tool read filters through one implementation ({@code audit.JournalFilters}); the page,
     * like every adapter, never uses the tool.
     */
    public static final ArchRule THE_AUDIT_PAGE_DOES_NOT_USE_THE_TOOL = noClasses()
            .that().resideInAPackage(ROOT + ".jenkins.auditpage..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
            .as("jenkins.auditpage does not depend on cli");

    @Test
    public void theAuditPageNeverTouchesTheKeyNorTheTool() {
        THE_AUDIT_PAGE_NEVER_TOUCHES_THE_KEY.check(mainClasses);
        THE_AUDIT_PAGE_DOES_NOT_USE_THE_TOOL.check(mainClasses);
    }

    @Test
    public void onlyTheFacadeCallsJenkinsGet() {
        ONLY_THE_FACADE_CALLS_JENKINS_GET.check(mainClasses);
    }

    @Test
    public void onlyTheExpirySchedulesOnTimer() {
        ONLY_THE_EXPIRY_SCHEDULES_ON_TIMER.check(mainClasses);
    }

    @Test
    public void inboxAndNotifyAreLayered() {
        INBOX_AND_NOTIFY_ARE_LAYERED.check(mainClasses);
        INBOX_DOES_NOT_USE_NOTIFY.check(mainClasses);
        JENKINS_INBOX_DOES_NOT_USE_JENKINS_NOTIFY.check(mainClasses);
    }

    @Test
    public void terminatorsAreOrdered() {
        TERMINATORS_ARE_ORDERED.check(mainClasses);
    }

    @Test
    public void checkAndFillMethodsArePostAndCheckAPermission() {
        CHECK_AND_FILL_METHODS_ARE_POST_AND_CHECK_A_PERMISSION.check(mainClasses);
    }

    @Test
    public void stateChangingWebMethodsRequirePost() {
        STATE_CHANGING_WEB_METHODS_REQUIRE_POST.check(mainClasses);
    }

    @Test
    public void testsThatNeedJenkinsAreNamedJenkinsTest() {
        TESTS_THAT_NEED_JENKINS_ARE_NAMED_SO.check(allClasses);
    }
}
