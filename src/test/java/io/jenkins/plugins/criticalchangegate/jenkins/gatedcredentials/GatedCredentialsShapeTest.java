package io.jenkins.plugins.criticalchangegate.jenkins.gatedcredentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.Test;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What can be checked of the gated credential classes without constructing them (their base class is a stub here):
 * they implement the kinds people use, {@code forRun} is theirs and final (the copy is of the same class, so the
 * credentials plugin's {@code type.isInstance} check keeps it), the guard is transient (the copy's XML, which the
 * credentials plugin fingerprints, is the stored one's), and the only public methods that return a secret are the
 * credential interfaces' (which go through the guard) and the form's getters, restricted to this plugin.
 */
public class GatedCredentialsShapeTest {
    private static final List<Class<? extends GatedCredentials>> KINDS = List.of(GatedStringCredentials.class,
            GatedUsernamePasswordCredentials.class, GatedFileCredentials.class, GatedSshUserPrivateKey.class);
    private static final Set<Class<?>> SECRET_TYPES = Set.of(Secret.class, SecretBytes.class, InputStream.class,
            byte[].class);
    /** The interface methods that hand out secrets, each delegating to GatedCredentials.release. */
    private static final Set<String> GUARDED = Set.of("getSecret", "getPassword", "getContent", "getPassphrase");

    @Test
    public void theKindsImplementTheUsualInterfaces() {
        assertThat(StringCredentials.class.isAssignableFrom(GatedStringCredentials.class), is(true));
        assertThat(StandardUsernamePasswordCredentials.class.isAssignableFrom(
                GatedUsernamePasswordCredentials.class), is(true));
        assertThat(FileCredentials.class.isAssignableFrom(GatedFileCredentials.class), is(true));
        assertThat(SSHUserPrivateKey.class.isAssignableFrom(GatedSshUserPrivateKey.class), is(true));
    }

    /**
     * The SSH kind's key comes out as a {@code List<String>} and a {@code String}, types the check below cannot tell
     * from harmless getters: every key getter of {@code SSHUserPrivateKey}, the deprecated default too, is the SSH kind's
     * own (so it goes through the guard, not through an inherited default), and its only other public methods that
     * return a String or a list are the non-secret ones named here.
     */
    @Test
    public void theSshKindOverridesEveryKeyGetter() throws Exception {
        for (String getter : List.of("getPrivateKeys", "getPrivateKey", "getPassphrase")) {
            assertThat(getter, GatedSshUserPrivateKey.class.getMethod(getter).getDeclaringClass(),
                    is((Object) GatedSshUserPrivateKey.class));
        }
        Set<String> notSecret = Set.of("getUsername", "getSystem", "getId", "getDescription", "toString",
                "getPrivateKeys", "getPrivateKey");
        List<String> others = new ArrayList<>();
        for (Method m : GatedSshUserPrivateKey.class.getMethods()) {
            boolean textual = m.getReturnType() == String.class || List.class.isAssignableFrom(m.getReturnType());
            if (textual && m.getParameterCount() == 0 && !notSecret.contains(m.getName())) {
                others.add(m.getName());
            }
        }
        assertThat(others, is(empty()));
    }

    @Test
    public void forRunIsOverriddenAndFinal() throws Exception {
        Method forRun = GatedCredentials.class.getDeclaredMethod("forRun", Run.class);
        assertThat(forRun.getReturnType(), is((Object) Credentials.class));
        assertThat(Modifier.isFinal(forRun.getModifiers()), is(true));
        for (Class<? extends GatedCredentials> kind : KINDS) {
            assertThat(kind.getMethod("forRun", Run.class).getDeclaringClass(), is((Object) GatedCredentials.class));
            assertThat(kind.getDeclaredMethod("copy").getReturnType(), is((Object) GatedCredentials.class));
        }
    }

    @Test
    public void theGuardIsTransient() throws Exception {
        Field guard = GatedCredentials.class.getDeclaredField("guard");
        assertThat(Modifier.isTransient(guard.getModifiers()), is(true));
    }

    @Test
    public void onlyGuardedOrRestrictedMethodsReturnSecrets() {
        List<String> open = new ArrayList<>();
        for (Class<? extends GatedCredentials> kind : KINDS) {
            for (Method m : kind.getMethods()) {
                if (!SECRET_TYPES.contains(m.getReturnType()) || m.getDeclaringClass() == Object.class) {
                    continue;
                }
                if (GUARDED.contains(m.getName())) {
                    continue;
                }
                Restricted restricted = m.getAnnotation(Restricted.class);
                boolean noExternalUse = restricted != null && List.of(restricted.value()).contains(NoExternalUse.class);
                if (!noExternalUse || !m.getName().startsWith("getGated")) {
                    open.add(kind.getSimpleName() + "#" + m.getName());
                }
            }
        }
        assertThat(open, is(empty()));
    }
}
