package hudson.init;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Initializer {
    InitMilestone after() default InitMilestone.STARTED;

    InitMilestone before() default InitMilestone.COMPLETED;

    boolean fatal() default true;
}
