package io.jenkins.plugins.criticalchangegate.jenkins.persistence;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.criticalchangegate.jenkins.config.CriticalChangeGateConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.notify.NotificationConfiguration;
import io.jenkins.plugins.criticalchangegate.jenkins.config.InlineRegistry;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryFile;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistrySourceSetting;
import io.jenkins.plugins.criticalchangegate.jenkins.config.RegistryUrl;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Actor;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.Deadline;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateRecord;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepResult;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.GateStatus;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.StepCompletion;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.TrailEntry;
import io.jenkins.plugins.criticalchangegate.jenkins.step.CriticalChangeGateExecution;
import io.jenkins.plugins.criticalchangegate.jenkins.step.GateAction;
import io.jenkins.plugins.criticalchangegate.jenkins.step.GateInterruption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * What the plugin keeps can be kept: each root below is walked by reflection ({@link PersistenceWalker}) under the rule
 * of the store that holds it. Jenkins cannot run in the Central build, so this is what stands between a field of the
 * wrong type and a build that fails to save (program.dat) or a build.xml / config.xml that Jenkins refuses to read.
 * The roots are class literals, so renaming one breaks the compilation, not the check.
 */
public class PersistenceTest {
    static final String PLUGIN = "io.jenkins.plugins.criticalchangegate";

    /**
     * The JRE classes the plugin's build.xml and config.xml hold, and only those: Jenkins' XStream2 refuses every JRE
     * class missing from core's {@code jenkins/security/whitelisted-classes.txt} ({@code ClassFilterImpl.java:161-186}
     * at jenkins-2.479.3; {@link Jep200Rule} has the rest). Enums, arrays and the plugin's own classes need no line.
     * A class added here must be on that list; the comment gives its line there.
     */
    static final Set<String> WHITELISTED_JRE_CLASSES = Set.of(
            "java.lang.Boolean", // line 34: boolean fields (NotificationConfiguration.allowHttp)
            "java.lang.Integer", // line 41: int fields, which XStream reads as Integer
            "java.lang.Long", // line 42: long fields (the records keep instants as epoch milliseconds)
            "java.lang.String", // line 47
            "java.util.ArrayList", // line 59
            "java.util.LinkedHashMap", // line 108: GateRecord.evidence
            "java.util.concurrent.CopyOnWriteArrayList"); // line 127: GateAction.gates

    static final PersistenceWalker PROGRAM_DAT = new PersistenceWalker(PLUGIN, new JavaSerializationRule());
    static final PersistenceWalker BUILD_XML =
            new PersistenceWalker(PLUGIN, new Jep200Rule("build.xml", WHITELISTED_JRE_CLASSES));
    static final PersistenceWalker CONFIG_XML =
            new PersistenceWalker(PLUGIN, new Jep200Rule("config.xml", WHITELISTED_JRE_CLASSES));

    /** Every kind of registry source the configuration can hold; a test below keeps the list whole. */
    private static final List<Class<? extends RegistrySourceSetting>> REGISTRY_SOURCES =
            List.of(InlineRegistry.class, RegistryFile.class, RegistryUrl.class);

    /** A paused gate's execution sits in program.dat (a CpsThread's {@code step}) until the gate is decided. */
    @Test
    public void theStepExecutionCanBeKeptInProgramDat() {
        // a floor, not today's count (10): a walk that stops descending fails, a field removed does not
        PROGRAM_DAT.walk(CriticalChangeGateExecution.class).assertPersistable(8);
    }

    /**
     * What the step returns becomes a variable of the script, kept in program.dat with the rest of the program: an
     * approved gate's value as {@code CriticalChangeGateExecution} takes it from {@link StepCompletion}, and a system
     * that is not critical's value, which it returns as is.
     */
    @Test
    public void whatTheStepReturnsCanBeKeptInProgramDat() {
        Walk approved = PROGRAM_DAT.walkValue("StepCompletion.returnValue()",
                StepCompletion.of(approvedRecord()).returnValue());
        approved.assertPersistable(0);
        approved.assertChecked(13); // the map, five keys, five values, two approvers
        Walk notCritical = PROGRAM_DAT.walkValue("StepResult.notCritical()",
                StepResult.notCritical("checkout-service", "CHG-1"));
        notCritical.assertPersistable(0);
        notCritical.assertChecked(10); // the map, five keys, four values (gateId is null)
    }

    /**
     * A rejected or expired gate stops the build with this cause, inside a FlowInterruptedException: in program.dat
     * while the script handles the failure, in XStream files after (the flow node's ErrorAction, and build.xml's
     * InterruptedBuildAction).
     */
    @Test
    public void theInterruptionCanBeKeptInProgramDatAndBuildXml() {
        PROGRAM_DAT.walk(GateInterruption.class).assertPersistable(1);
        BUILD_XML.walk(GateInterruption.class).assertPersistable(1);
    }

    /** The build action holds every gate of a build, trails included, in build.xml. */
    @Test
    public void theBuildActionCanBeKeptInBuildXml() {
        // gates is a CopyOnWriteArrayList (whitelisted-classes.txt line 127, as InputAction keeps its ids)
        BUILD_XML.walk(GateAction.class, new GateAction()).assertPersistable(20);
    }

    /** The gated credentials a build was given or refused (issue 12), in build.xml. */
    @Test
    public void theCredentialUsesCanBeKeptInBuildXml() {
        // uses is a CopyOnWriteArrayList (whitelisted-classes.txt line 127), each use plain fields
        BUILD_XML.walk(io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.CredentialUseAction.class,
                new io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials.CredentialUseAction())
                .assertPersistable(7);
    }

    /** The global configuration and the registry source it holds, in config.xml. */
    @Test
    public void theGlobalConfigurationCanBeKeptInConfigXml() {
        // registry is declared RegistrySourceSetting: each kind of source is a root below
        CONFIG_XML.walk(CriticalChangeGateConfiguration.class).assertPersistable(6,
                "CriticalChangeGateConfiguration.registry");
        for (Class<? extends RegistrySourceSetting> source : REGISTRY_SOURCES) {
            CONFIG_XML.walk(source).assertPersistable(1);
        }
    }

    /** The notification settings and their webhooks, in their own config file (issue 14). */
    @Test
    public void theNotificationSettingsCanBeKeptInConfigXml() {
        // a floor: the four settings and a webhook's four fields
        CONFIG_XML.walk(NotificationConfiguration.class).assertPersistable(8);
    }

    /**
     * A field declared as one of the plugin's abstract classes is walked through each concrete subclass, as a root
     * above: ArchUnit finds them all among the plugin's classes, so a new kind fails here until it is walked.
     */
    @Test
    public void everyConcreteClassBehindAnAbstractPluginFieldIsARoot() {
        Map<String, List<Class<? extends RegistrySourceSetting>>> walkedAs =
                Map.of(RegistrySourceSetting.class.getName(), REGISTRY_SOURCES);
        JavaClasses plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PLUGIN);
        List<Walk> walks = List.of(PROGRAM_DAT.walk(CriticalChangeGateExecution.class),
                BUILD_XML.walk(GateAction.class, new GateAction()), BUILD_XML.walk(GateInterruption.class),
                CONFIG_XML.walk(CriticalChangeGateConfiguration.class), CONFIG_XML.walk(NotificationConfiguration.class));
        int abstractFields = 0;
        for (Walk walk : walks) {
            for (Walk.OpenType open : walk.openTypes()) {
                String declared = open.declared().getTypeName();
                if (declared.startsWith(PLUGIN + ".")) {
                    abstractFields++;
                    Set<String> roots = walkedAs.getOrDefault(declared, List.of()).stream().map(Class::getName)
                            .collect(Collectors.toSet());
                    assertThat("the concrete classes behind " + open + " walked as roots", roots,
                            is(concreteSubclasses(plugin.get(declared))));
                }
            }
        }
        assertThat("abstract plugin fields met (CriticalChangeGateConfiguration.registry at least)", abstractFields,
                greaterThanOrEqualTo(1));
    }

    private static Set<String> concreteSubclasses(JavaClass type) {
        return type.getAllSubclasses().stream().filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName).collect(Collectors.toSet());
    }

    private static GateRecord approvedRecord() {
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        return GateRecord.builder("gate-7", "checkout-service").changeId("CHG-1").requirement("2 approvals", 2)
                .requested(at, Deadline.after(at, Duration.ofHours(1))).startedBy(List.of("alice")).build()
                .withEvidence(Map.of("status", "200"))
                .with(TrailEntry.by(TrailEntry.Kind.APPROVED, at, Actor.of("bob", List.of("sre")), "ok"))
                .with(TrailEntry.by(TrailEntry.Kind.APPROVED, at, Actor.of("carol", List.of("sre")), null))
                .settled(GateStatus.APPROVED);
    }
}
