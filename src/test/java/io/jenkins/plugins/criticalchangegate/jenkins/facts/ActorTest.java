package io.jenkins.plugins.criticalchangegate.jenkins.facts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

public class ActorTest {
    private static Authentication login(String name, String... authorities) {
        return new UsernamePasswordAuthenticationToken(name, "secret", AuthorityUtils.createAuthorityList(authorities));
    }

    @Test
    public void takesTheUserIdAndTheRealmGroupsFromTheAuthentication() {
        Actor alice = Actor.from(login("alice", "authenticated", "release-managers", "sre")).orElseThrow();
        assertThat(alice.id(), is("alice"));
        assertThat(alice.groups(), contains("release-managers", "sre"));
    }

    @Test
    public void theAuthenticatedAuthorityIsNotAGroup() {
        Actor bob = Actor.from(login("bob", "authenticated")).orElseThrow();
        assertThat(bob.groups(), is(empty()));
    }

    @Test
    public void dropsDuplicateAndBlankAuthorities() {
        GrantedAuthority blank = () -> " ";
        Authentication token = new UsernamePasswordAuthenticationToken("carol", "secret",
                List.of(new SimpleGrantedAuthority("sre"), new SimpleGrantedAuthority("sre"), blank));
        Actor carol = Actor.from(token).orElseThrow();
        assertThat(carol.groups(), contains("sre"));
    }

    @Test
    public void anonymousIsNobody() {
        Authentication anonymous = new AnonymousAuthenticationToken("anonymous", "anonymous",
                List.of(new SimpleGrantedAuthority("anonymous")));
        assertThat(Actor.from(anonymous).isPresent(), is(false));
    }

    @Test
    public void theSystemIdentityIsNobody() {
        assertThat(Actor.from(login("SYSTEM", "authenticated")).isPresent(), is(false));
    }

    @Test
    public void anUnauthenticatedTokenIsNobody() {
        Authentication unauthenticated = new UsernamePasswordAuthenticationToken("mallory", "guess");
        assertThat(unauthenticated.isAuthenticated(), is(false));
        assertThat(Actor.from(unauthenticated).isPresent(), is(false));
    }

    @Test
    public void noAuthenticationIsNobody() {
        assertThat(Actor.from(null).isPresent(), is(false));
    }
}
