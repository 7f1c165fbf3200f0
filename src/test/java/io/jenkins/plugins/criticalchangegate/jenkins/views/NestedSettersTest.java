package io.jenkins.plugins.criticalchangegate.jenkins.views;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import hudson.model.AbstractDescribableImpl;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A describable that the system configuration form binds inside another (a webhook in the notification settings, a
 * registry source in the gate's) is built by Stapler's {@code RequestImpl.injectSetters}, which catches what a
 * {@code @DataBoundSetter} throws, logs "Cannot access property" and goes on without that value (stapler
 * e5af469356f0, {@code RequestImpl.java} injectSetters). A setter that refuses a value by throwing therefore leaves
 * the old or default value in place without a word to the administrator (issue 14 review: an unknown webhook event
 * silently meant "all events"). Such setters keep the value and the enclosing configuration refuses the form.
 * Steps are bound by structs' DescribableModel, which reports what a setter throws, and are not concerned.
 */
public class NestedSettersTest {
    private static final String ROOT = "io.jenkins.plugins.criticalchangegate";
    /**
     * Deliberate exceptions, each with its reason: the setter throws for JCasC, and the enclosing configuration checks
     * the submitted form before it binds, so the form never reaches the throw.
     */
    private static final java.util.Map<String, String> ALLOWED = java.util.Map.of(
            ROOT + ".jenkins.config.RegistryUrl.setRefreshMinutes(int)",
            "SubmittedForm.check refuses the form's refreshMinutes before CriticalChangeGateConfiguration binds it");

    static final ArchRule NESTED_SETTERS_DO_NOT_THROW = methods()
            .that().areAnnotatedWith(DataBoundSetter.class)
            .and().areDeclaredInClassesThat().areAssignableTo(AbstractDescribableImpl.class)
            .and().areDeclaredInClassesThat().areNotAssignableTo(Step.class)
            .should(new ArchCondition<>("construct no exception (Stapler drops what a nested setter throws)") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    if (ALLOWED.containsKey(method.getFullName())) {
                        return;
                    }
                    for (JavaConstructorCall call : method.getConstructorCallsFromSelf()) {
                        if (call.getTargetOwner().isAssignableTo(Throwable.class)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " throws "
                                    + call.getTargetOwner().getSimpleName() + " (" + call.getSourceCodeLocation()
                                    + "): the system configuration form would drop the value silently; keep it"
                                    + " and refuse the form in the enclosing configure()"));
                        }
                    }
                }
            })
            .allowEmptyShould(true);

    @Test
    public void settersOfDescribablesBoundInsideAFormDoNotThrow() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        NESTED_SETTERS_DO_NOT_THROW.check(main);
    }

    @Test
    public void theRuleCatchesASetterThatRefusesByThrowing() {
        JavaClasses fixture = new ClassFileImporter().importClasses(RefusingSetting.class);
        EvaluationResult result = NESTED_SETTERS_DO_NOT_THROW.evaluate(fixture);
        assertThat(result.hasViolation(), is(true));
        assertThat(result.getFailureReport().toString(), containsString("setLevel"));
    }

    /** What the rule must catch: a nested setting whose setter throws. Never instantiated. */
    abstract static class RefusingSetting extends AbstractDescribableImpl<RefusingSetting> {
        private int level;

        @DataBoundSetter
        public void setLevel(int level) {
            if (level < 0) {
                throw new IllegalArgumentException("level must not be negative");
            }
            this.level = level;
        }

        int level() {
            return level;
        }
    }
}
