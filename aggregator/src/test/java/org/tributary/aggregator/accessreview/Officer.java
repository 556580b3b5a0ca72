package org.tributary.aggregator.accessreview;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

/** The security officer of the tests, as the resource server would see them. */
final class Officer {

    static final String SUB = "officer-sub-0001";
    static final String TOKEN = "officer-token";

    private Officer() {}

    static JwtRequestPostProcessor officer() {
        return jwt().jwt(j -> j.subject(SUB).tokenValue(TOKEN).claim("preferred_username", "security"))
                .authorities(
                        new SimpleGrantedAuthority("ROLE_security-officer"),
                        new SimpleGrantedAuthority("security-officer"));
    }
}
