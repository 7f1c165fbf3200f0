package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import hudson.model.AsyncPeriodicWork;
import hudson.model.PeriodicWork;
import io.jenkins.plugins.criticalchangegate.jenkins.BackgroundWork;
import org.junit.Test;

/**
 * A {@code PeriodicWork} that is not an {@code AsyncPeriodicWork} runs its {@code doRun} on {@code jenkins.util.Timer}
 * ({@code PeriodicWork.init} schedules it there), Jenkins' 10 shared threads (JENKINS-45553: no long work there). The
 * ArchitectureTest rule about Timer does not see it (the class names Timer nowhere), so this one does: such a
 * {@code doRun} hands its work to the plugin's pool ({@code BackgroundWork.submit}) and does nothing else that waits.
 */
public class PeriodicWorkHandOffTest {
    static final ArchRule SYNCHRONOUS_PERIODIC_WORK_HANDS_OFF = classes()
            .that().areAssignableTo(PeriodicWork.class)
            .and().areNotAssignableTo(AsyncPeriodicWork.class)
            .and().doNotHaveFullyQualifiedName(PeriodicWork.class.getName())
            .should(new ArchCondition<>("hand doRun's work to BackgroundWork.submit (doRun runs on Timer)") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    boolean handsOff = false;
                    for (JavaMethod method : type.getMethods()) {
                        if (!method.getName().equals("doRun")) {
                            continue;
                        }
                        for (JavaMethodCall call : method.getMethodCallsFromSelf()) {
                            if (call.getTargetOwner().isEquivalentTo(BackgroundWork.class)
                                    && call.getName().equals("submit")) {
                                handsOff = true;
                            }
                        }
                    }
                    events.add(new SimpleConditionEvent(type, handsOff, type.getName() + (handsOff
                            ? " hands its periodic work to BackgroundWork"
                            : " runs its periodic work on Timer: call BackgroundWork.submit in doRun, or extend"
                                    + " AsyncPeriodicWork")));
                }
            })
            .allowEmptyShould(true);

    @Test
    public void synchronousPeriodicWorkOnlyHandsOff() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.criticalchangegate");
        SYNCHRONOUS_PERIODIC_WORK_HANDS_OFF.check(main);
    }

    @Test
    public void theRuleCatchesPeriodicWorkDoneOnTimer() {
        JavaClasses fixture = new ClassFileImporter().importClasses(WorkOnTimer.class, PeriodicWork.class);
        assertThat(SYNCHRONOUS_PERIODIC_WORK_HANDS_OFF.evaluate(fixture).hasViolation(), is(true));
    }

    /** What the rule must catch: periodic work done on Timer itself. Never instantiated. */
    abstract static class WorkOnTimer extends PeriodicWork {
        @Override
        protected void doRun() throws Exception {
            Thread.sleep(1000); // waiting on Timer's thread
        }
    }
}
