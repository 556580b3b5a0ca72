package org.tributary.aggregator.accessreview;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.tributary.aggregator.config.AggregatorProperties;

/**
 * The security console's web slice: its controller, services and access-event filter over MockMvc, with whatever
 * security configuration the application has (the officer is given by {@code jwt()}). A mock {@link JwtDecoder}
 * stands in for the issuer, so that a resource-server configuration can start without Keycloak.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(controllers = SecurityConsoleController.class)
@Import({
    SecurityConsoleConfiguration.class,
    AccessEvents.class,
    AccessEventsReport.class,
    AccessReview.class,
    AuditChains.class,
    OfficerRelay.class,
    RealmAdmin.class,
    SecurityConsoleSlice.Beans.class
})
@MockitoBean(types = JwtDecoder.class)
@interface SecurityConsoleSlice {

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({AggregatorProperties.class, SecurityConsoleProperties.class})
    class Beans {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
